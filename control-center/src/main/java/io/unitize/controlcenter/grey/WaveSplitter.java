package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.core.SlotRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The waves of a grey plan: checks the plan's range and its waves (given, or {@code split} into N)
 * and refuses, naming the field, waves that are empty, outside the range, overlapping, or that
 * leave slots of the range uncovered.
 */
public final class WaveSplitter {

    /** At most this many waves per plan. */
    public static final int MAX_WAVES = 100;

    private WaveSplitter() {
    }

    /** @throws InvalidPlanException naming the field */
    public static List<SlotRange> waves(GreyPlanRequest r, int slotCount) {
        List<FieldError> errors = new ArrayList<>();
        int max = slotCount - 1;
        if (r.from() == null || r.from() < 0 || r.from() > max) {
            errors.add(new FieldError("from", "must be within 0.." + max + ", but was " + r.from()));
        }
        if (r.to() == null || r.to() < 0 || r.to() > max) {
            errors.add(new FieldError("to", "must be within 0.." + max + ", but was " + r.to()));
        }
        if (errors.isEmpty() && r.from() > r.to()) {
            errors.add(new FieldError("to", "must be >= from (" + r.from() + "), but was " + r.to()));
        }
        if (r.waves() != null && r.split() != null) {
            errors.add(new FieldError("split", "give either waves or split, not both"));
        }
        if (r.waves() == null && r.split() == null) {
            errors.add(new FieldError("waves", "is missing: give the waves ([{\"from\":2000,\"to\":2099},…]) or split (\"split\":3)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        SlotRange range = SlotRange.of(r.from(), r.to());
        return r.split() != null ? split(range, r.split()) : given(range, r.waves());
    }

    private static List<SlotRange> split(SlotRange range, int n) {
        if (n < 1 || n > Math.min(MAX_WAVES, range.size())) {
            throw new InvalidPlanException("split", "must be within 1.." + Math.min(MAX_WAVES, range.size())
                    + " (at most " + MAX_WAVES + " waves, at least one slot each), but was " + n);
        }
        List<SlotRange> waves = new ArrayList<>();
        int start = range.from();
        for (int i = 0; i < n; i++) {
            int size = range.size() / n + (i < range.size() % n ? 1 : 0);
            waves.add(SlotRange.of(start, start + size - 1));
            start += size;
        }
        return List.copyOf(waves);
    }

    private static List<SlotRange> given(SlotRange range, List<SlotRange> waves) {
        if (waves.isEmpty() || waves.size() > MAX_WAVES) {
            throw new InvalidPlanException("waves", "must name 1 to " + MAX_WAVES + " waves, but named " + waves.size());
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            SlotRange w = waves.get(i);
            if (w == null) {
                errors.add(new FieldError("waves[" + i + "]", "needs from and to"));
            } else if (w.from() > w.to()) {
                errors.add(new FieldError("waves[" + i + "]", "is empty: from " + w.from() + " is after to " + w.to()));
            } else if (w.from() < range.from() || w.to() > range.to()) {
                errors.add(new FieldError("waves[" + i + "]", "slots " + w + " are outside the plan's range " + range));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> waves.get(i).from()));
        int next = range.from();
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            SlotRange w = waves.get(i);
            if (k > 0 && w.from() <= waves.get(order.get(k - 1)).to()) {
                int j = order.get(k - 1);
                errors.add(new FieldError("waves[" + i + "]", "slots " + w + " overlap waves[" + j + "] (" + waves.get(j)
                        + "): each slot moves in one wave"));
            } else if (w.from() > next) {
                errors.add(new FieldError("waves[" + i + "]", "slots " + next + "-" + (w.from() - 1) + " of the plan's range "
                        + range + " are in no wave: the waves must cover it"));
            }
            next = Math.max(next, w.to() + 1);
        }
        if (next <= range.to()) {
            errors.add(new FieldError("waves", "slots " + next + "-" + range.to() + " of the plan's range " + range
                    + " are in no wave: the waves must cover it"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        return List.copyOf(waves);
    }
}
