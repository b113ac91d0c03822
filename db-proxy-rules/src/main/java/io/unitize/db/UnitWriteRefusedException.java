package io.unitize.db;

import java.sql.SQLException;

/**
 * A write the unit's database must not take. Nothing was sent to the database. SQLState
 * {@code 45000} (user-defined), vendor code = the number of the reason's code (e.g. 11 for
 * {@code UNITIZE-DB-011}), so it reaches the application as a plain JDBC error with a message naming
 * table, buyerId, slot, rules version and reason.
 */
public class UnitWriteRefusedException extends SQLException {

    /** Why a write was refused; each reason has a stable code. */
    public enum Reason {
        /** The buyer is being moved between units: retry after the cutover. */
        FROZEN(10),
        /** The buyer is homed in another unit. */
        NOT_HOMED_HERE(11),
        /** A unit table written without every written row pinned to a buyer by the SQL (a hint never stands in for that). */
        NO_BUYER(12),
        /** One statement touches buyers of two units. */
        MIXED_UNITS(13),
        /** The statement's buyer and the hint's buyer differ. */
        HINT_CONFLICT(14),
        /** A center or center-unit table written outside the center. */
        CENTER_ONLY(15),
        /** A table the guard does not know (strict mode). */
        UNDECLARED_TABLE(16),
        /** No rules in force yet. */
        NO_RULES(17),
        /** The SQL carries an executable comment ({@code /*! ... *}{@code /}, {@code /*M! ... *}{@code /}): the server would run text the guard cannot see. */
        EXECUTABLE_COMMENT(40),
        /** More than one statement in one string: only one statement per call is audited. */
        MULTI_STATEMENT(41),
        /** A statement kind the guard cannot audit on a guarded datasource (LOAD DATA, CALL, DO, DDL on a declared table, ...). */
        UNSUPPORTED_STATEMENT(42),
        /** A SET of a session or global variable that changes how the server reads statements or writes rows. */
        UNSAFE_SESSION_SETTING(43),
        /** A buyer value that is not an integer literal or integer parameter the server reads as the guard does (4999.5, '5e3', a Double, _utf16 ...). */
        BAD_BUYER_VALUE(44),
        /** The buyer column set to something other than a literal or parameter, or assigned in ON DUPLICATE KEY UPDATE. */
        BUYER_COLUMN_ASSIGNED(45),
        /** REPLACE / ON DUPLICATE KEY UPDATE on a unit table whose unique keys do not all contain the buyer column. */
        UPSERT_KEY_LAYOUT(46),
        /** A write form the guard does not accept on declared tables (unqualified column in a multi-table write, derived tables, UNION in INSERT ... SELECT, ...). */
        UNSUPPORTED_SHAPE(47),
        /** The guard could not read the statement (malformed, fewer values than columns, metadata missing): refused rather than guessed. */
        UNREADABLE_STATEMENT(48);

        private final int number;

        Reason(int number) {
            this.number = number;
        }

        /** The stable log/error code, e.g. {@code UNITIZE-DB-011}. */
        public String code() {
            return String.format("UNITIZE-DB-%03d", number);
        }

        /** The number of the code (the exception's vendor code). */
        public int number() {
            return number;
        }
    }

    private final String table;
    private final Long buyerId;
    private final int slot;
    private final long rulesVersion;
    private final Reason reason;

    public UnitWriteRefusedException(String table, Long buyerId, int slot, long rulesVersion, Reason reason, String detail) {
        super(reason.code() + " write to " + table + " refused (" + reason + ")"
                + (buyerId == null ? "" : " for buyer " + buyerId + " (slot " + slot + ")")
                + (rulesVersion < 0 ? "" : ", rules version " + rulesVersion) + ": " + detail,
                "45000", reason.number());
        this.table = table;
        this.buyerId = buyerId;
        this.slot = slot;
        this.rulesVersion = rulesVersion;
        this.reason = reason;
    }

    /** A refusal of the statement as a whole, before any table or rules are looked at. */
    public static UnitWriteRefusedException ofStatement(String what, Reason reason, String detail) {
        return new UnitWriteRefusedException(what, null, -1, -1, reason, detail);
    }

    /** The table (or, for a refusal of the whole statement, what was refused). */
    public String table() {
        return table;
    }

    public Long buyerId() {
        return buyerId;
    }

    public int slot() {
        return slot;
    }

    /** The rules version checked against, or -1 when the statement was refused before rules were read. */
    public long rulesVersion() {
        return rulesVersion;
    }

    public Reason reason() {
        return reason;
    }

    /** The stable code of the reason, e.g. {@code UNITIZE-DB-011}. */
    public String code() {
        return reason.code();
    }
}
