package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.CutoverStatus;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After every cutover that ends DONE, queues one data check per moved direction (source -> target)
 * over the moved ranges and the configured tables; stores a SKIPPED check when no table is
 * configured or the source's data loss was accepted, so the cutover always shows what happened.
 */
public final class DataCheckAfterCutover implements CutoverObserver {

    private final DataChecks checks;
    private final List<TableSpec> tables;

    public DataCheckAfterCutover(DataChecks checks, List<TableSpec> tables) {
        this.checks = checks;
        this.tables = List.copyOf(tables);
    }

    @Override
    public void finished(Cutover c) {
        if (c.status() != CutoverStatus.DONE) {
            return;
        }
        Map<String, List<SlotRange>> byDirection = new LinkedHashMap<>();
        for (SlotMove m : c.moves()) {
            byDirection.computeIfAbsent(m.from() + "->" + m.to(), k -> new ArrayList<>()).add(m.range());
        }
        byDirection.forEach((direction, ranges) -> {
            String source = direction.substring(0, direction.indexOf("->"));
            String target = direction.substring(direction.indexOf("->") + 2);
            List<SlotRange> checked = ranges.size() > 64 ? ranges.subList(0, 64) : ranges;
            if (c.skippedUnits().contains(source)) {
                checks.skipped(c.id(), source, target, checked, "data loss of unit " + source + " accepted (failover): not compared");
            } else if (tables.isEmpty()) {
                checks.skipped(c.id(), source, target, checked, "no tables configured "
                        + "(unitize.control-center.integrity.data-check.tables)");
            } else {
                try {
                    checks.submit(new DataCheckRequest(source, target, checked, tables, c.id(), "after cutover " + c.id()),
                            "control-center");
                } catch (RuntimeException e) {
                    checks.skipped(c.id(), source, target, checked, "not run: " + e.getMessage());
                }
            }
        });
    }
}
