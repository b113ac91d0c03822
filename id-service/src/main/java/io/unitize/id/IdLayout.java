package io.unitize.id;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a 63-bit snowflake ID is cut into fields, high to low: time since {@link #epoch()} (in
 * {@link #tickMillis()} units), unit, worker, slot (routable layouts only), sequence. The unit
 * (and the slot) can be read back from any ID, so a lookup by ID alone can be routed.
 *
 * <pre>
 * standard():  | 41 bits time, ms (69 years) | 4 unit | 6 worker | 12 sequence (4,096 per ms and worker) |
 * routable(14): | 31 bits time, s (68 years) | 4 unit | 6 worker | 14 slot | 8 sequence (256 per s, worker and slot) |
 * </pre>
 */
public final class IdLayout {

    /** 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final Instant epoch;
    private final long tickMillis;
    private final int timeBits;
    private final int unitBits;
    private final int workerBits;
    private final int slotBits;
    private final int sequenceBits;

    private IdLayout(Instant epoch, long tickMillis, int timeBits, int unitBits, int workerBits, int slotBits, int sequenceBits) {
        List<String> errors = new ArrayList<>();
        if (tickMillis <= 0) {
            errors.add("tickMillis must be > 0, but was " + tickMillis);
        }
        int total = timeBits + unitBits + workerBits + slotBits + sequenceBits;
        if (total != 63) {
            errors.add("time + unit + worker + slot + sequence bits must be 63, but were " + total);
        }
        if (timeBits < 28 || unitBits < 1 || workerBits < 0 || slotBits < 0 || sequenceBits < 1) {
            errors.add("need timeBits >= 28, unitBits >= 1, sequenceBits >= 1, worker and slot bits >= 0");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ID layout: " + String.join("; ", errors));
        }
        this.epoch = epoch;
        this.tickMillis = tickMillis;
        this.timeBits = timeBits;
        this.unitBits = unitBits;
        this.workerBits = workerBits;
        this.slotBits = slotBits;
        this.sequenceBits = sequenceBits;
    }

    public static IdLayout standard() {
        return new IdLayout(DEFAULT_EPOCH, 1, 41, 4, 6, 0, 12);
    }

    /** IDs that carry the buyer's slot (e.g. order IDs); {@code slotBits} must hold the slot count (14 for 10,000). */
    public static IdLayout routable(int slotBits) {
        return new IdLayout(DEFAULT_EPOCH, 1000, 63 - 4 - 6 - slotBits - 8, 4, 6, slotBits, 8);
    }

    public static IdLayout of(Instant epoch, long tickMillis, int timeBits, int unitBits, int workerBits, int slotBits,
                              int sequenceBits) {
        return new IdLayout(epoch, tickMillis, timeBits, unitBits, workerBits, slotBits, sequenceBits);
    }

    public long compose(long tick, int unit, int worker, int slot, long sequence) {
        check("tick", tick, timeBits);
        check("unit", unit, unitBits);
        check("worker", worker, workerBits);
        check("slot", slot, slotBits);
        check("sequence", sequence, sequenceBits);
        return (((((tick << unitBits | unit) << workerBits | worker) << slotBits | slot) << sequenceBits) | sequence);
    }

    private static void check(String field, long value, int bits) {
        if (value < 0 || value >= (1L << bits)) {
            throw new IllegalArgumentException(field + " must be within 0.." + ((1L << bits) - 1) + " (" + bits + " bits), but was " + value);
        }
    }

    /** The tick of {@code epochMillis}: whole {@link #tickMillis()} units since the epoch. */
    public long tickOf(long epochMillis) {
        return Math.floorDiv(epochMillis - epoch.toEpochMilli(), tickMillis);
    }

    public Instant timeOf(long id) {
        return epoch.plusMillis((id >>> (unitBits + workerBits + slotBits + sequenceBits)) * tickMillis);
    }

    public int unitOf(long id) {
        return (int) ((id >>> (workerBits + slotBits + sequenceBits)) & mask(unitBits));
    }

    public int workerOf(long id) {
        return (int) ((id >>> (slotBits + sequenceBits)) & mask(workerBits));
    }

    /** The buyer's slot carried by a routable ID; always 0 in a layout without slot bits. */
    public int slotOf(long id) {
        return (int) ((id >>> sequenceBits) & mask(slotBits));
    }

    /**
     * Where this layout puts the buyer's slot, as the agents read it without id-service
     * (unit-core's {@code RoutableIdSlot}; {@code @UnitKey(kind = ROUTABLE_ID, slotBits = ..)} routes by it).
     *
     * @throws IllegalStateException for a layout without slot bits
     */
    public io.unitize.core.key.RoutableIdSlot slotField() {
        if (slotBits == 0) {
            throw new IllegalStateException("layout " + this + " has no slot bits: its ids cannot be routed by slot");
        }
        return new io.unitize.core.key.RoutableIdSlot(sequenceBits, slotBits);
    }

    public long sequenceOf(long id) {
        return id & mask(sequenceBits);
    }

    public long maxSequence() {
        return mask(sequenceBits);
    }

    public int maxUnits() {
        return 1 << unitBits;
    }

    public int maxWorkers() {
        return 1 << workerBits;
    }

    public long maxTick() {
        return mask(timeBits);
    }

    public long tickMillis() {
        return tickMillis;
    }

    public Instant epoch() {
        return epoch;
    }

    public boolean routable() {
        return slotBits > 0;
    }

    public int slotBits() {
        return slotBits;
    }

    private static long mask(int bits) {
        return (1L << bits) - 1;
    }

    @Override
    public String toString() {
        return "IdLayout[time " + timeBits + " bits x " + tickMillis + " ms since " + epoch + ", unit " + unitBits + ", worker "
                + workerBits + ", slot " + slotBits + ", sequence " + sequenceBits + "]";
    }
}
