package io.unitize.core;

/** A buyer's request, call or write reached a unit that is not the buyer's home unit. */
public class UnitMisrouteException extends UnitizeException {

    private final long buyerId;
    private final int slot;
    private final String homeUnit;
    private final String thisUnit;
    private final long rulesVersion;

    public UnitMisrouteException(long buyerId, int slot, String homeUnit, String thisUnit, long rulesVersion) {
        super("buyer " + buyerId + " (slot " + slot + ") is homed in unit " + homeUnit + ", not in " + thisUnit
                + " (rules version " + rulesVersion + "); send it to " + homeUnit);
        this.buyerId = buyerId;
        this.slot = slot;
        this.homeUnit = homeUnit;
        this.thisUnit = thisUnit;
        this.rulesVersion = rulesVersion;
    }

    public long buyerId() {
        return buyerId;
    }

    public int slot() {
        return slot;
    }

    public String homeUnit() {
        return homeUnit;
    }

    public String thisUnit() {
        return thisUnit;
    }

    public long rulesVersion() {
        return rulesVersion;
    }
}
