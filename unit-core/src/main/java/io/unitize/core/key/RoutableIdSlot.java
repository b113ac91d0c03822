package io.unitize.core.key;

import io.unitize.core.UnitizeConfigException;

/**
 * Where the buyer's slot sits in an id of a routable layout (id-service's {@code IdLayout.routable}:
 * {@code | time | unit | worker | slot | sequence |}): {@code slot = (id >>> shift) & (2^bits - 1)}.
 * Lives here, not in id-service, because agents read it without depending on id-service; id-service's
 * {@code IdLayout.slotField()} returns the one of its layout.
 */
public record RoutableIdSlot(int shift, int bits) {

    /** The sequence bits of {@code IdLayout.routable(...)}: the slot starts above them. */
    public static final int ROUTABLE_SEQUENCE_BITS = 8;
    /** 14 bits hold the default 10,000 slots. */
    public static final int DEFAULT_SLOT_BITS = 14;
    /** {@link io.unitize.core.SlotTransform#MAX_SLOT_COUNT} fits in 20 bits. */
    public static final int MAX_SLOT_BITS = 20;

    public RoutableIdSlot {
        if (bits < 1 || bits > MAX_SLOT_BITS || shift < 0 || shift + bits > 63) {
            throw new UnitizeConfigException("routable id slot field: bits must be within 1.." + MAX_SLOT_BITS
                    + " and shift >= 0 with shift + bits <= 63, but were bits " + bits + ", shift " + shift,
                    "Describe the slot field of the id-service layout that mints these ids (IdLayout.routable(slotBits): "
                            + "shift " + ROUTABLE_SEQUENCE_BITS + ", bits = slotBits).");
        }
    }

    /** The field of {@code IdLayout.routable(slotBits)}. */
    public static RoutableIdSlot routable(int slotBits) {
        return new RoutableIdSlot(ROUTABLE_SEQUENCE_BITS, slotBits);
    }

    /** The slot carried by {@code id} (may be beyond the rules' slot count if the id is not of this layout). */
    public int slotOf(long id) {
        return (int) ((id >>> shift) & ((1L << bits) - 1));
    }
}
