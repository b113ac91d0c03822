package io.unitize.controlcenter.integrity.web;

import io.unitize.controlcenter.integrity.datacheck.CheckedTables;
import io.unitize.controlcenter.integrity.datacheck.DataCheck;
import io.unitize.controlcenter.integrity.datacheck.DataCheckRepository;
import io.unitize.controlcenter.integrity.datacheck.DataCheckRequest;
import io.unitize.controlcenter.integrity.datacheck.DataChecks;
import io.unitize.controlcenter.integrity.datacheck.InvalidDataCheckException;
import io.unitize.controlcenter.integrity.datacheck.TableResult;
import io.unitize.controlcenter.integrity.datacheck.TableSpec;
import io.unitize.controlcenter.store.AuditLog;
import io.unitize.controlcenter.web.NotFoundException;
import io.unitize.core.SlotRange;
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
import java.util.List;

/**
 * Data checks: {@code POST /api/v1/data-checks} runs one on demand for any ranges and configured
 * tables; the checks run after cutovers are listed with their cutover.
 */
@RestController
@RequestMapping("/api/v1")
public class DataChecksController {

    private final DataChecks checks;
    private final DataCheckRepository repository;
    private final List<TableSpec> tables;
    private final AuditLog audit;

    public DataChecksController(DataChecks checks, DataCheckRepository repository, CheckedTables checkedTables, AuditLog audit) {
        this.checks = checks;
        this.repository = repository;
        this.tables = checkedTables.tables();
        this.audit = audit;
    }

    /** The body of {@code POST /data-checks}; {@code tables} omitted = every configured table. */
    public record Body(String sourceUnit, String targetUnit, List<Range> ranges, List<String> tables, String reason) {
    }

    public record Range(Integer from, Integer to) {
    }

    @PostMapping("/data-checks")
    public ResponseEntity<View> start(@RequestBody Body body, Authentication who) {
        DataCheck c;
        try {
            c = checks.submit(toRequest(body), who.getName());
        } catch (RuntimeException e) {
            audit.record(who.getName(), "data-check.start", null, "refused", e.getMessage() + " | request: " + body);
            throw e;
        }
        audit.record(who.getName(), "data-check.start", c.id(), "accepted", c.sourceUnit() + " -> " + c.targetUnit() + " slots "
                + c.ranges() + " tables " + c.tables());
        return ResponseEntity.accepted().location(URI.create("/api/v1/data-checks/" + c.id())).body(View.of(c));
    }

    private DataCheckRequest toRequest(Body body) {
        List<SlotRange> ranges = new ArrayList<>();
        if (body.ranges() == null) {
            throw new InvalidDataCheckException("ranges", "is missing: name the slot ranges, [{\"from\":2000,\"to\":2999}]");
        }
        for (int i = 0; i < body.ranges().size(); i++) {
            Range r = body.ranges().get(i);
            if (r == null || r.from() == null || r.to() == null) {
                throw new InvalidDataCheckException("ranges[" + i + "]", "needs from and to");
            }
            if (r.from() > r.to()) {
                throw new InvalidDataCheckException("ranges[" + i + "]", "from must be <= to, but was " + r.from() + "-" + r.to());
            }
            ranges.add(SlotRange.of(r.from(), r.to()));
        }
        List<TableSpec> chosen = new ArrayList<>();
        if (body.tables() == null) {
            chosen.addAll(tables);
        } else {
            for (int i = 0; i < body.tables().size(); i++) {
                String name = body.tables().get(i);
                TableSpec t = tables.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new InvalidDataCheckException("tables", "'" + name + "' is not a configured table "
                                + tables.stream().map(TableSpec::name).toList()
                                + " (unitize.control-center.integrity.data-check.tables)"));
                chosen.add(t);
            }
        }
        return new DataCheckRequest(body.sourceUnit(), body.targetUnit(), ranges, chosen, null, body.reason());
    }

    @GetMapping("/data-checks")
    public List<View> list(@RequestParam(required = false) String cutoverId, @RequestParam(defaultValue = "50") int limit) {
        List<DataCheck> found = cutoverId == null ? repository.recent(Math.max(1, Math.min(limit, 500))) : repository.ofCutover(cutoverId);
        return found.stream().map(View::of).toList();
    }

    @GetMapping("/data-checks/{id}")
    public View get(@PathVariable String id) {
        return repository.find(id).map(View::of)
                .orElseThrow(() -> new NotFoundException("no data check " + id + "; GET /api/v1/data-checks lists them"));
    }

    /** The data checks run after a cutover (empty while it runs, or when it rolled back). */
    @GetMapping("/cutovers/{id}/data-checks")
    public List<View> ofCutover(@PathVariable String id) {
        return repository.ofCutover(id).stream().map(View::of).toList();
    }

    /** A data check as the API shows it. */
    public record View(String id, String cutoverId, String requestedBy, String reason, String sourceUnit, String targetUnit,
                       List<SlotRange> ranges, List<String> tables, String status, String startedAt, String finishedAt,
                       long rowsRead, Long rowsPerSecond, long differingRows, List<TableResult> results, String error) {

        static View of(DataCheck c) {
            long differing = c.results().stream().mapToLong(r -> r.differences().size() + r.moreDifferences()).sum();
            return new View(c.id(), c.cutoverId(), c.requestedBy(), c.reason(), c.sourceUnit(), c.targetUnit(), c.ranges(),
                    c.tables(), c.status().name(), String.valueOf(c.startedAt()), c.finishedAt() == null ? null : c.finishedAt().toString(),
                    c.rowsRead(), c.rowsPerSecond(), differing, c.results(), c.error());
        }
    }
}
