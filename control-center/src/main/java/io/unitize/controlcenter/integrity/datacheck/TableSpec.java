package io.unitize.controlcenter.integrity.datacheck;

import java.util.regex.Pattern;

/**
 * A unit table to compare: {@code schema.table}, its single-column primary key and its buyer
 * column (the route key the slot is computed from). Names are checked, so they can be quoted into SQL.
 */
public record TableSpec(String name, String keyColumn, String buyerColumn) {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_]{1,64}\\.[A-Za-z0-9_]{1,64}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public TableSpec {
        if (name == null || !TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("table must be schema.table (letters, digits, '_'), but was '" + name + "'");
        }
        if (keyColumn == null || !COLUMN.matcher(keyColumn).matches()) {
            throw new IllegalArgumentException("keyColumn must be letters, digits or '_', but was '" + keyColumn + "'");
        }
        if (buyerColumn == null || !COLUMN.matcher(buyerColumn).matches()) {
            throw new IllegalArgumentException("buyerColumn must be letters, digits or '_', but was '" + buyerColumn + "'");
        }
    }

    public String schema() {
        return name.substring(0, name.indexOf('.'));
    }

    public String table() {
        return name.substring(name.indexOf('.') + 1);
    }

    String quoted() {
        return "`" + schema() + "`.`" + table() + "`";
    }
}
