package io.unitize.core;

/** A write of a buyer whose slot is frozen (it is moving between units) was refused; retry after the cutover. */
public class UnitWriteFrozenException extends UnitizeException {

    private final long buyerId;
    private final int slot;
    private final long rulesVersion;

    public UnitWriteFrozenException(long buyerId, int slot, long rulesVersion) {
        this("buyer " + buyerId, buyerId, slot, rulesVersion);
    }

    /**
     * A write keyed by something that carries only the buyer's slot, e.g. {@code "routable id 4711"}
     * (an order id); {@link #buyerId()} is then -1.
     */
    public UnitWriteFrozenException(String subject, int slot, long rulesVersion) {
        this(subject, -1, slot, rulesVersion);
    }

    private UnitWriteFrozenException(String subject, long buyerId, int slot, long rulesVersion) {
        super("writes of " + subject + " are frozen: slot " + slot + " is moving between units (rules version "
                + rulesVersion + "); retry after the cutover ends");
        this.buyerId = buyerId;
        this.slot = slot;
        this.rulesVersion = rulesVersion;
    }

    /** The buyer; -1 when the write was keyed by an id that carries only the slot. */
    public long buyerId() {
        return buyerId;
    }

    public int slot() {
        return slot;
    }

    public long rulesVersion() {
        return rulesVersion;
    }
}
