package io.unitize.controlcenter.grey.web;

import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.controlcenter.grey.GateSettings;
import io.unitize.controlcenter.grey.GreyPlan;
import io.unitize.controlcenter.grey.GreyPlanRequest;
import io.unitize.controlcenter.grey.GreyPlans;
import io.unitize.controlcenter.grey.config.GreyConfiguration;
import io.unitize.controlcenter.store.AuditLog;
import io.unitize.controlcenter.web.NotFoundException;
import io.unitize.controlcenter.integrity.lag.CutoverLagCheck;
import io.unitize.core.SlotRange;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/** Grey cutovers: create a plan in waves with gates, follow it, approve its current wave or abort it. */
@RestController
@RequestMapping("/api/v1")
public class GreyPlansController {

    private final GreyPlans plans;
    private final GateSettings defaults;
    private final AuditLog audit;
    private final ObjectProvider<CutoverLagCheck> lagCheck;

    public GreyPlansController(GreyPlans plans, GreyConfiguration.GreyDefaults defaults, AuditLog audit,
                               ObjectProvider<CutoverLagCheck> lagCheck) {
        this.plans = plans;
        this.defaults = defaults.gates();
        this.audit = audit;
        this.lagCheck = lagCheck;
    }

    /**
     * A grey plan as JSON, read strictly like every body:
     * {@code {"from":2000,"to":2999,"toUnit":"unit-b","reason":"…","split":3,"gates":{"soakSeconds":30,"approval":true}}}.
     */
    public record Body(Integer from, Integer to, String toUnit, String reason, List<Range> waves, Integer split, Gates gates,
                       String syncMode) {
    }

    public record Range(Integer from, Integer to) {
    }

    /** A field omitted takes the configured default. */
    public record Gates(Boolean dataCheck, Long maxLagMillis, Long soakSeconds, Boolean approval) {
    }

    @PostMapping("/grey-plans")
    public ResponseEntity<GreyPlanView> create(@RequestBody Body body, Authentication who) {
        GreyPlan p;
        try {
            GreyPlanRequest request = toRequest(body);
            if (request.from() != null && request.to() != null) { // the first wave starts at once: refused while replication lags
                lagCheck.ifAvailable(check -> check.check(CutoverPlan.moveSlots(request.from(), request.to(), request.toUnit(),
                        request.reason())));
            }
            p = plans.create(request, defaults, who.getName());
        } catch (RuntimeException e) {
            audit.record(who.getName(), "grey-plan.create", null, "refused", e.getMessage() + " | request: " + body);
            throw e;
        }
        audit.record(who.getName(), "grey-plan.create", p.id(), "accepted", "slots " + p.range() + " to " + p.toUnit() + " in "
                + p.waves().size() + " waves, gates " + p.gateSettings().gates() + "; reason: " + p.reason());
        return ResponseEntity.accepted().location(URI.create("/api/v1/grey-plans/" + p.id())).body(GreyPlanView.of(p));
    }

    @PostMapping("/grey-plans/{id}/approve")
    public ResponseEntity<GreyPlanView> approve(@PathVariable String id, Authentication who) {
        return change(id, who, "grey-plan.approve", "approval of the current wave", () -> plans.approve(id, who.getName()));
    }

    @PostMapping("/grey-plans/{id}/abort")
    public ResponseEntity<GreyPlanView> abort(@PathVariable String id, Authentication who) {
        return change(id, who, "grey-plan.abort", "stop; the current wave rolls back", () -> plans.abort(id, who.getName()));
    }

    private ResponseEntity<GreyPlanView> change(String id, Authentication who, String action, String what, Runnable change) {
        try {
            change.run();
        } catch (NoSuchElementException e) {
            throw new NotFoundException("no grey plan " + id + "; GET /api/v1/grey-plans lists them");
        } catch (RuntimeException e) {
            audit.record(who.getName(), action, id, "refused", e.getMessage());
            throw e;
        }
        audit.record(who.getName(), action, id, "accepted", what);
        return ResponseEntity.accepted().location(URI.create("/api/v1/grey-plans/" + id)).body(get(id));
    }

    @GetMapping("/grey-plans")
    public List<GreyPlanView> list(@RequestParam(defaultValue = "50") int limit) {
        return plans.recent(Math.max(1, Math.min(limit, 500))).stream().map(GreyPlanView::of).toList();
    }

    @GetMapping("/grey-plans/{id}")
    public GreyPlanView get(@PathVariable String id) {
        return plans.find(id).map(GreyPlanView::of)
                .orElseThrow(() -> new NotFoundException("no grey plan " + id + "; GET /api/v1/grey-plans lists them"));
    }

    private GreyPlanRequest toRequest(Body b) {
        List<FieldError> errors = new ArrayList<>();
        List<SlotRange> waves = null;
        if (b.waves() != null) {
            waves = new ArrayList<>();
            for (int i = 0; i < b.waves().size(); i++) {
                Range r = b.waves().get(i);
                if (r == null || r.from() == null || r.to() == null) {
                    errors.add(new FieldError("waves[" + i + "]", "needs from and to"));
                } else {
                    waves.add(SlotRange.of(r.from(), r.to()));
                }
            }
        }
        SyncMode mode = null;
        if (b.syncMode() != null) {
            try {
                mode = SyncMode.valueOf(b.syncMode());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("syncMode", "must be one of " + Arrays.toString(SyncMode.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        GateSettings gates = null;
        if (b.gates() != null) {
            Gates g = b.gates();
            long soak = g.soakSeconds() == null ? defaults.soakMillis() : g.soakSeconds() * 1000;
            if (g.soakSeconds() != null && (g.soakSeconds() < 0 || g.soakSeconds() > 86_400)) {
                throw new InvalidPlanException("gates.soakSeconds", "must be within 0..86400, but was " + g.soakSeconds());
            }
            gates = new GateSettings(g.dataCheck() == null ? defaults.dataCheck() : g.dataCheck(),
                    g.maxLagMillis() == null ? defaults.maxLagMillis() : g.maxLagMillis(), soak,
                    g.approval() == null ? defaults.approval() : g.approval());
        }
        return new GreyPlanRequest(b.from(), b.to(), b.toUnit(), b.reason(), waves, b.split(), gates, mode);
    }

}
