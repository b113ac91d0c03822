package io.unitize.core;

/**
 * How a buyerId becomes a slot. Today one type: {@code MOD}, {@code slot = floorMod(buyerId, slotCount)}
 * (negative ids land in the slot space too). The default is {@code MOD} over 10,000 slots.
 */
public record SlotTransform(String type, int slotCount) {

    public static final String MOD = "MOD";
    public static final int DEFAULT_SLOT_COUNT = 10_000;
    /** Upper bound of the slot space, so that the compiled table stays small (a few MB at most). */
    public static final int MAX_SLOT_COUNT = 1_000_000;

    public static SlotTransform defaults() {
        return new SlotTransform(MOD, DEFAULT_SLOT_COUNT);
    }

    public static SlotTransform mod(int slotCount) {
        return new SlotTransform(MOD, slotCount);
    }

    /** The slot of a buyer. */
    public int slotOf(long buyerId) {
        return (int) Math.floorMod(buyerId, (long) slotCount);
    }

    /** The last slot, {@code slotCount - 1}. */
    public int maxSlot() {
        return slotCount - 1;
    }
}
