package io.unitize.db;

import java.util.Locale;

/**
 * A table the write guard knows.
 *
 * @param name         table name (matched case-insensitively)
 * @param kind         how it lives across units
 * @param buyerColumn  the buyer column of a UNIT table (e.g. {@code buyer_id}); null otherwise
 */
public record GuardedTable(String name, TableKind kind, String buyerColumn) {

    public GuardedTable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("table " + name + ": kind must be UNIT, CENTER or CENTER_UNIT, but was null");
        }
        if (kind == TableKind.UNIT && (buyerColumn == null || buyerColumn.isBlank())) {
            throw new IllegalArgumentException("unit table " + name + " needs its buyer column (e.g. buyer_id)");
        }
        if (buyerColumn != null && !buyerColumn.matches("[A-Za-z0-9_$]{1,64}")) {
            throw new IllegalArgumentException("table " + name + ": buyer column must be a plain identifier (letters, digits, _ and $), but was '"
                    + buyerColumn + "'");
        }
        name = name.toLowerCase(Locale.ROOT);
        buyerColumn = buyerColumn == null ? null : buyerColumn.toLowerCase(Locale.ROOT);
    }

    public static GuardedTable unit(String name, String buyerColumn) {
        return new GuardedTable(name, TableKind.UNIT, buyerColumn);
    }

    public static GuardedTable center(String name) {
        return new GuardedTable(name, TableKind.CENTER, null);
    }

    public static GuardedTable centerUnit(String name) {
        return new GuardedTable(name, TableKind.CENTER_UNIT, null);
    }
}
