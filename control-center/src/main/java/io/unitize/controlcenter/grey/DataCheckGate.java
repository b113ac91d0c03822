package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.integrity.datacheck.DataCheck;
import io.unitize.controlcenter.integrity.datacheck.DataCheckRepository;
import io.unitize.controlcenter.integrity.datacheck.DataCheckRequest;
import io.unitize.controlcenter.integrity.datacheck.DataCheckStatus;
import io.unitize.controlcenter.integrity.datacheck.DataChecks;
import io.unitize.controlcenter.integrity.datacheck.TableResult;
import io.unitize.controlcenter.integrity.datacheck.TableSpec;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DATA_CHECK: the wave's slots compare equal, source vs target, in every configured table. Uses the
 * check run after the wave's cutover when that runs ({@code data-check.after-cutover}); otherwise, or
 * when that check was interrupted by a restart, runs its own (listed with the wave). Any status but
 * MATCH fails the gate: a mismatch names its first keys, a failed check its error.
 */
public final class DataCheckGate implements Gate {

    /** How long to look for the after-cutover check before running one (it is queued right after the cutover ends). */
    static final Duration AFTER_CUTOVER_GRACE = Duration.ofSeconds(10);

    private final DataChecks checks;
    private final DataCheckRepository repository;
    private final List<TableSpec> tables;
    private final boolean afterCutover;

    public DataCheckGate(DataChecks checks, DataCheckRepository repository, List<TableSpec> tables, boolean afterCutover) {
        this.checks = checks;
        this.repository = repository;
        this.tables = List.copyOf(tables);
        this.afterCutover = afterCutover;
    }

    @Override
    public GateKind kind() {
        return GateKind.DATA_CHECK;
    }

    @Override
    public Verdict check(GateContext ctx) throws InterruptedException {
        Wave w = ctx.wave();
        Map<String, List<SlotRange>> directions = new LinkedHashMap<>();
        for (SlotMove m : w.moves()) {
            directions.computeIfAbsent(m.from() + "->" + m.to(), k -> new ArrayList<>()).add(m.range());
        }
        Instant lookUntil = ctx.clock().instant().plus(AFTER_CUTOVER_GRACE);
        do {
            List<String> passed = new ArrayList<>();
            boolean running = false;
            for (Map.Entry<String, List<SlotRange>> d : directions.entrySet()) {
                Optional<DataCheck> found = latest(w, d.getKey());
                if (found.isEmpty() || found.get().status() == DataCheckStatus.INTERRUPTED) {
                    if (afterCutover && found.isEmpty() && ctx.clock().instant().isBefore(lookUntil)) {
                        running = true;
                        continue;
                    }
                    submit(ctx, d.getKey(), d.getValue());
                    running = true;
                    continue;
                }
                DataCheck c = found.get();
                switch (c.status()) {
                    case RUNNING -> running = true;
                    case MATCH -> passed.add(describe(c) + " MATCH (" + c.results().stream()
                            .map(r -> r.table() + " " + r.sourceRows() + " rows").collect(Collectors.joining(", ")) + ")");
                    case MISMATCH -> {
                        return Verdict.fail(describe(c) + " MISMATCH: " + differences(c)
                                + ". Next: GET /api/v1/data-checks/" + c.id() + " names every key; repair them, then plan again");
                    }
                    default -> {
                        return Verdict.fail(describe(c) + " " + c.status() + ": " + c.error());
                    }
                }
            }
            if (!running) {
                return Verdict.pass(String.join("; ", passed));
            }
        } while (ctx.waitMore());
        return Verdict.fail("the data check of slots " + w.range() + " did not finish before " + ctx.deadline()
                + " (unitize.control-center.grey.data-check-timeout)");
    }

    private Optional<DataCheck> latest(Wave w, String direction) {
        List<DataCheck> all = new ArrayList<>();
        if (afterCutover) {
            all.addAll(repository.ofCutover(w.cutoverId()));
        }
        w.dataChecks().forEach(id -> repository.find(id).ifPresent(all::add));
        return all.stream().filter(c -> direction.equals(c.sourceUnit() + "->" + c.targetUnit()))
                .max((a, b) -> a.startedAt().compareTo(b.startedAt()));
    }

    private void submit(GateContext ctx, String direction, List<SlotRange> ranges) {
        String source = direction.substring(0, direction.indexOf("->"));
        String target = direction.substring(direction.indexOf("->") + 2);
        DataCheck c = checks.submit(new DataCheckRequest(source, target, ranges.size() > 64 ? ranges.subList(0, 64) : ranges,
                tables, ctx.wave().cutoverId(), "gate of " + ctx.plan().tag(ctx.wave())), "control-center");
        ctx.wave().addDataCheck(c.id());
    }

    private static String describe(DataCheck c) {
        return "data check " + c.id() + " " + c.sourceUnit() + "->" + c.targetUnit() + " slots " + c.ranges();
    }

    private static String differences(DataCheck c) {
        long n = c.results().stream().mapToLong(r -> r.differences().size() + r.moreDifferences()).sum();
        List<String> first = new ArrayList<>();
        for (TableResult r : c.results()) {
            r.differences().stream().limit(5).forEach(d -> first.add(r.table() + " key " + d.key() + " (slot " + d.slot() + ") "
                    + d.kind()));
        }
        return n + " differing rows: " + String.join(", ", first.subList(0, Math.min(5, first.size())))
                + (n > first.size() ? " …" : "");
    }
}
