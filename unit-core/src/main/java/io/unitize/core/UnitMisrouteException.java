package io.unitize.core;

/** A buyer's request, call or write reached a unit that is not the buyer's home unit. */
public class UnitMisrouteException extends UnitizeException {

    private final long buyerId;
    private final int slot;
    private final String homeUnit;
    private final String thisUnit;
    private final long rulesVersion;

    public UnitMisrouteException(long buyerId, int slot, String homeUnit, String thisUnit, long rulesVersion) {
        this("buyer " + buyerId, buyerId, slot, homeUnit, thisUnit, rulesVersion);
    }

    /**
     * A call keyed by something that carries only the buyer's slot, e.g. {@code "routable id 4711"}
     * (an order id); {@link #buyerId()} is then -1.
     */
    public UnitMisrouteException(String subject, int slot, String homeUnit, String thisUnit, long rulesVersion) {
        this(subject, -1, slot, homeUnit, thisUnit, rulesVersion);
    }

    private UnitMisrouteException(String subject, long buyerId, int slot, String homeUnit, String thisUnit, long rulesVersion) {
        super(subject + " (slot " + slot + ") is homed in unit " + homeUnit + ", not in " + thisUnit
                + " (rules version " + rulesVersion + "); send it to " + homeUnit);
        this.buyerId = buyerId;
        this.slot = slot;
        this.homeUnit = homeUnit;
        this.thisUnit = thisUnit;
        this.rulesVersion = rulesVersion;
    }

    /** The buyer; -1 when the call was keyed by an id that carries only the slot. */
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
