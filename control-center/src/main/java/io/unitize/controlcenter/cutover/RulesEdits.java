package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The three documents a cutover publishes, each derived from the document in force at that
 * moment (so that cutovers of disjoint ranges can overlap in time): freeze the moving ranges;
 * route them to their new unit and lift their freeze; lift their freeze only (rollback).
 */
public final class RulesEdits {

    private RulesEdits() {
    }

    public static UnitRules freeze(UnitRules current, List<SlotMove> moves, Stamp stamp) {
        List<SlotRange> freezes = new ArrayList<>(current.freezes());
        for (SlotMove m : moves) {
            if (!freezes.contains(m.range())) {
                freezes.add(m.range());
            }
        }
        return stamp.apply(current.toBuilder().freezes(freezes));
    }

    public static UnitRules switchRoutes(UnitRules current, List<SlotMove> moves, Stamp stamp) {
        return stamp.apply(current.toBuilder().routes(applyMoves(current, moves)).freezes(withoutFreezes(current, moves)));
    }

    public static UnitRules liftFreeze(UnitRules current, List<SlotMove> moves, Stamp stamp) {
        return stamp.apply(current.toBuilder().freezes(withoutFreezes(current, moves)));
    }

    /** Whether {@code current} still freezes any of the moving ranges. */
    public static boolean freezesAny(UnitRules current, List<SlotMove> moves) {
        return moves.stream().anyMatch(m -> current.freezes().contains(m.range()));
    }

    /** The routing table of {@code current} with every move applied, as maximal ranges. */
    public static List<SlotRoute> applyMoves(UnitRules current, List<SlotMove> moves) {
        String[] owner = owners(current);
        for (SlotMove m : moves) {
            for (int s = m.range().from(); s <= m.range().to(); s++) {
                owner[s] = m.to();
            }
        }
        return compress(owner);
    }

    /** slot -> unit code of the routing table of {@code rules}. */
    static String[] owners(UnitRules rules) {
        String[] owner = new String[rules.transform().slotCount()];
        for (SlotRoute r : rules.routes()) {
            for (int s = r.range().from(); s <= r.range().to(); s++) {
                owner[s] = r.unit();
            }
        }
        return owner;
    }

    static List<SlotRoute> compress(String[] owner) {
        List<SlotRoute> routes = new ArrayList<>();
        int start = 0;
        for (int s = 1; s <= owner.length; s++) {
            if (s == owner.length || !Objects.equals(owner[s], owner[start])) {
                routes.add(SlotRoute.of(start, s - 1, owner[start]));
                start = s;
            }
        }
        return routes;
    }

    private static List<SlotRange> withoutFreezes(UnitRules current, List<SlotMove> moves) {
        List<SlotRange> freezes = new ArrayList<>(current.freezes());
        moves.forEach(m -> freezes.remove(m.range()));
        return freezes;
    }

    /** Version, time, author and reason of a derived document. */
    public record Stamp(long version, Instant at, String author, String reason) {

        UnitRules apply(UnitRules.Builder b) {
            return b.version(version).updatedAt(at).author(author).reason(reason).build();
        }
    }
}
