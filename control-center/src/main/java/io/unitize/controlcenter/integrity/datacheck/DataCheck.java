package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.core.SlotRange;

import java.time.Instant;
import java.util.List;

/**
 * A data check as stored: what was compared (source and target unit, slot ranges, tables), for
 * which cutover (null: on demand), who asked, and the result per table. Immutable; each change is a new copy.
 *
 * @param rowsRead rows read per side (the paced figure: whole batches, every slot of the key range)
 */
public record DataCheck(String id, String cutoverId, String requestedBy, String reason, String sourceUnit, String targetUnit,
                        List<SlotRange> ranges, List<String> tables, DataCheckStatus status, Instant startedAt,
                        Instant finishedAt, long rowsRead, List<TableResult> results, String error) {

    public DataCheck {
        ranges = List.copyOf(ranges);
        tables = List.copyOf(tables);
        results = results == null ? List.of() : List.copyOf(results);
    }

    DataCheck finished(DataCheckStatus status, Instant at, long rowsRead, List<TableResult> results, String error) {
        return new DataCheck(id, cutoverId, requestedBy, reason, sourceUnit, targetUnit, ranges, tables, status, startedAt, at,
                rowsRead, results, error);
    }

    /** Rows read per second and side over the check, or null while running. */
    public Long rowsPerSecond() {
        if (finishedAt == null) {
            return null;
        }
        long ms = Math.max(1, finishedAt.toEpochMilli() - startedAt.toEpochMilli());
        return rowsRead * 1000 / ms;
    }
}
