package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.core.SlotRange;

import java.util.List;

/** What to compare: {@code tables} of {@code sourceUnit} and {@code targetUnit} over {@code ranges}. Checked by {@link DataChecks}. */
public record DataCheckRequest(String sourceUnit, String targetUnit, List<SlotRange> ranges, List<TableSpec> tables,
                               String cutoverId, String reason) {

    public DataCheckRequest {
        ranges = List.copyOf(ranges);
        tables = List.copyOf(tables);
    }
}
