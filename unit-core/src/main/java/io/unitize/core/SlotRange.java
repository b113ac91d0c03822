package io.unitize.core;

/** An inclusive range of slots, {@code from <= to}. Shape is checked by validation, not here. */
public record SlotRange(int from, int to) {

    public static SlotRange of(int from, int to) {
        return new SlotRange(from, to);
    }

    public boolean contains(int slot) {
        return slot >= from && slot <= to;
    }

    public int size() {
        return to - from + 1;
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
