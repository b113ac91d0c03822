package io.unitize.core;

/** A write of a buyer whose slot is frozen (it is moving between units) was refused; retry after the cutover. */
public class UnitWriteFrozenException extends UnitizeException {

    private final long buyerId;
    private final int slot;
    private final long rulesVersion;

    public UnitWriteFrozenException(long buyerId, int slot, long rulesVersion) {
        super("writes of buyer " + buyerId + " are frozen: slot " + slot + " is moving between units (rules version "
                + rulesVersion + "); retry after the cutover ends");
        this.buyerId = buyerId;
        this.slot = slot;
        this.rulesVersion = rulesVersion;
    }

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
