package io.unitize.db;

import java.util.List;

/**
 * What the guard needs to know of a unit table's schema: the SQL type of its buyer column (to read
 * stored buyer values exactly) and its unique keys, primary key included (for {@link UpsertKeyRule}).
 * Loaded by {@link UnitTableLayouts} from the database when the guarded datasource is set up.
 */
public record UnitTableLayout(String table, String buyerColumn, String buyerColumnType, List<List<String>> uniqueKeys, BuyerValue.Range buyerRange) {

    public UnitTableLayout {
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        buyerRange = BuyerValue.rangeOf(buyerColumnType);
    }

    public UnitTableLayout(String table, String buyerColumn, String buyerColumnType, List<List<String>> uniqueKeys) {
        this(table, buyerColumn, buyerColumnType, uniqueKeys, null);
    }
}
