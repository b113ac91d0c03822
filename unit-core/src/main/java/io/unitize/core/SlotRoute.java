package io.unitize.core;

/** A routing table entry: the slots of {@code range} are homed in {@code unit}. */
public record SlotRoute(SlotRange range, String unit) {

    public static SlotRoute of(int from, int to, String unit) {
        return new SlotRoute(new SlotRange(from, to), unit);
    }

    @Override
    public String toString() {
        return range + "->" + unit;
    }
}
