package io.unitize.core;

import java.util.ArrayList;
import java.util.List;

/** What changes between two routing tables: maximal slot ranges whose owner changes, and from/to which unit. */
public final class RulesDiff {

    private RulesDiff() {
    }

    /**
     * The moves from {@code before} to {@code after}, in slot order; adjacent slots with the same
     * (from, to) pair are merged into one range. Both documents must share the slot space.
     */
    public static List<SlotMove> between(UnitRules before, UnitRules after) {
        if (!before.transform().equals(after.transform())) {
            throw new InvalidRulesException(List.of("transform changes from " + before.transform() + " to " + after.transform()
                    + ": a diff needs the same slot space (re-slotting is not a move)"));
        }
        RulesSnapshot a = before.compile();
        RulesSnapshot b = after.compile();
        List<SlotMove> moves = new ArrayList<>();
        int start = -1;
        String from = null;
        String to = null;
        for (int s = 0; s < a.slotCount(); s++) {
            String x = a.unitOfSlot(s).code();
            String y = b.unitOfSlot(s).code();
            boolean moving = !x.equals(y);
            if (start >= 0 && (!moving || !x.equals(from) || !y.equals(to))) {
                moves.add(new SlotMove(SlotRange.of(start, s - 1), from, to));
                start = -1;
            }
            if (moving && start < 0) {
                start = s;
                from = x;
                to = y;
            }
        }
        if (start >= 0) {
            moves.add(new SlotMove(SlotRange.of(start, a.slotCount() - 1), from, to));
        }
        return moves;
    }
}
