package io.unitize.controlcenter.web;

import io.unitize.controlcenter.channel.NacosRulesBroadcast;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.store.AuditLog;
import io.unitize.controlcenter.store.JdbcRulesLedger;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublishException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules document in force, its history, and direct edits that move no slot. */
@RestController
@RequestMapping("/api/v1/rules")
public class RulesController {

    private final RulesAuthority authority;
    private final JdbcRulesLedger ledger;
    private final NacosRulesBroadcast broadcast;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonDepthCheck depth;

    public RulesController(RulesAuthority authority, JdbcRulesLedger ledger, NacosRulesBroadcast broadcast, AuditLog audit,
                           Clock clock, JsonDepthCheck depth) {
        this.depth = depth;
        this.authority = authority;
        this.ledger = ledger;
        this.broadcast = broadcast;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules document in force (canonical JSON, as agents receive it). */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public String current() {
        return ledger.latest().map(UnitRules::toJson)
                .orElseThrow(() -> new NotFoundException("no rules stored yet: PUT /api/v1/rules stores the first version"));
    }

    @GetMapping(value = "/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    public String version(@PathVariable long version) {
        return ledger.version(version).map(UnitRules::toJson)
                .orElseThrow(() -> new NotFoundException("no rules version " + version + "; GET /api/v1/rules/history lists them"));
    }

    /** Every version, newest first: who, when, why, and the cutover that issued it. */
    @GetMapping("/history")
    public List<JdbcRulesLedger.RulesVersionInfo> history(@RequestParam(defaultValue = "100") int limit) {
        return ledger.history(Math.max(1, Math.min(limit, 1000)));
    }

    /** The version in force in each unit's Nacos (what agents are offered). */
    @GetMapping("/units")
    public List<Map<String, Object>> perUnit() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String unit : broadcast.units()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("unit", unit);
            try {
                row.put("version", broadcast.inForce(unit).map(UnitRules::version).orElse(null));
            } catch (RuntimeException e) {
                row.put("error", e.getMessage());
            }
            out.add(row);
        }
        return out;
    }

    /**
     * Stores and publishes a new version. The first one may be anything valid; later ones must be
     * version = latest + 1 and must not move slots or change freezes (use a cutover). The author is
     * the authenticated operator. The body is at most {@code max-body-size} (413) and nests at most
     * {@code max-json-depth} levels (400).
     */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> put(@RequestBody String body, Authentication who) {
        UnitRules stored;
        try {
            depth.check(body);
            UnitRules doc = UnitRules.fromJson(body);
            stored = authority.store(doc.toBuilder().author(who.getName()).updatedAt(clock.instant()).build());
        } catch (RuntimeException e) {
            audit.record(who.getName(), "rules.put", null, "refused", e.getMessage());
            throw e;
        }
        audit.record(who.getName(), "rules.put", "version " + stored.version(), "stored", stored.reason());
        try {
            authority.publishLatest(Set.of());
        } catch (RulesPublishException e) {
            throw new PartiallyPublishedException(stored.version(), e);
        }
        return ResponseEntity.ok(stored.toJson());
    }

    /** Stored, published to some units only; reconciliation publishes to the others. */
    public static class PartiallyPublishedException extends RuntimeException {
        private final RulesPublishException cause;

        PartiallyPublishedException(long version, RulesPublishException cause) {
            super("version " + version + " is stored but not yet in every unit: published to " + cause.published()
                    + ", failed " + cause.failures() + "; the control center publishes it again at the next reconciliation");
            this.cause = cause;
        }

        public RulesPublishException publishFailure() {
            return cause;
        }
    }
}
