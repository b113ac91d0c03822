package io.unitize.controlcenter.integrity.datacheck;

import java.util.List;

/**
 * One table compared over the checked slots.
 *
 * @param sourceRows      rows of the checked slots in the source
 * @param targetRows      the same in the target
 * @param chunks          slot chunks that hold rows on either side
 * @param differingChunks chunks whose count or checksum differed in some batch (before the rechecks)
 * @param differences     rows still different after the rechecks, at most {@code maxReportedKeys}
 * @param moreDifferences how many more there were beyond those named
 * @param error           why the table could not be compared (missing, different columns), or null
 */
public record TableResult(String table, long sourceRows, long targetRows, int chunks, List<ChunkDifference> differingChunks,
                          List<RowDifference> differences, long moreDifferences, String error) {

    public TableResult {
        differingChunks = List.copyOf(differingChunks);
        differences = List.copyOf(differences);
    }

    public boolean matches() {
        return error == null && differences.isEmpty() && moreDifferences == 0;
    }

    /** A slot chunk {@code [fromSlot, toSlot]} whose rows differed in one batch (count and checksum per side). */
    public record ChunkDifference(int fromSlot, int toSlot, long sourceRows, long targetRows, String sourceChecksum,
                                  String targetChecksum) {
    }

    /** A row that differs: {@code MISSING_IN_TARGET}, {@code MISSING_IN_SOURCE} or {@code DIFFERENT} (same key, other values). */
    public record RowDifference(String key, int slot, Kind kind) {
    }

    public enum Kind { MISSING_IN_TARGET, MISSING_IN_SOURCE, DIFFERENT }
}
