package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitRules;

import java.util.List;

/** Lets the benchmark's baseline derive the same documents as the engine. */
public final class RulesEditsAccess {

    private RulesEditsAccess() {
    }

    public static UnitRules switchTo(UnitRules frozen, int from, int to, String unit) {
        List<SlotMove> moves = List.of(new SlotMove(SlotRange.of(from, to), null, unit));
        return RulesEdits.switchRoutes(frozen, moves, new RulesEdits.Stamp(frozen.version() + 1, java.time.Instant.now(),
                "baseline", "baseline switch"));
    }
}
