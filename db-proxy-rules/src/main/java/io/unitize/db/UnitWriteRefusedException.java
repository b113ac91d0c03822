package io.unitize.db;

import java.sql.SQLException;

/**
 * A write the unit's database must not take. Nothing was sent to the database. SQLState
 * {@code 45000} (user-defined), so it reaches the application as a plain JDBC error with a
 * message naming table, buyerId, slot, rules version and reason.
 */
public class UnitWriteRefusedException extends SQLException {

    /** Why a write was refused. */
    public enum Reason {
        /** The buyer is being moved between units: retry after the cutover. */
        FROZEN,
        /** The buyer is homed in another unit. */
        NOT_HOMED_HERE,
        /** A unit table written without a buyer the guard can see (SQL or hint). */
        NO_BUYER,
        /** One statement touches buyers of two units. */
        MIXED_UNITS,
        /** The statement's buyer and the hint's buyer differ. */
        HINT_CONFLICT,
        /** A center or center-unit table written outside the center. */
        CENTER_ONLY,
        /** A table the guard does not know (strict mode). */
        UNDECLARED_TABLE,
        /** No rules in force yet. */
        NO_RULES
    }

    private final String table;
    private final Long buyerId;
    private final int slot;
    private final long rulesVersion;
    private final Reason reason;

    public UnitWriteRefusedException(String table, Long buyerId, int slot, long rulesVersion, Reason reason, String detail) {
        super("UNITIZE-DB-0" + (10 + reason.ordinal()) + " write to " + table + " refused (" + reason + ")"
                + (buyerId == null ? "" : " for buyer " + buyerId + " (slot " + slot + ")") + ", rules version " + rulesVersion + ": " + detail,
                "45000");
        this.table = table;
        this.buyerId = buyerId;
        this.slot = slot;
        this.rulesVersion = rulesVersion;
        this.reason = reason;
    }

    public String table() {
        return table;
    }

    public Long buyerId() {
        return buyerId;
    }

    public int slot() {
        return slot;
    }

    public long rulesVersion() {
        return rulesVersion;
    }

    public Reason reason() {
        return reason;
    }
}
