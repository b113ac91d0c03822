package io.unitize.core;

/** Slots {@code range} move from unit {@code from} to unit {@code to}. */
public record SlotMove(SlotRange range, String from, String to) {

    @Override
    public String toString() {
        return range + " " + from + "->" + to;
    }
}
