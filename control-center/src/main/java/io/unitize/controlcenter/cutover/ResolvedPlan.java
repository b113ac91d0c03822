package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;

import java.util.List;
import java.util.Set;

/**
 * A plan checked against the rules in force: what moves, and which units are left out of the
 * confirmations (only a lost unit whose data loss the operator accepted).
 */
public record ResolvedPlan(CutoverPlan plan, long baseVersion, List<SlotMove> moves, Set<String> skippedUnits,
                           SyncMode syncMode) {

    public ResolvedPlan {
        moves = List.copyOf(moves);
        skippedUnits = Set.copyOf(skippedUnits);
    }
}
