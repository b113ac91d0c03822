package io.unitize.db;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * When REPLACE and INSERT ... ON DUPLICATE KEY UPDATE are safe on a unit table. Both act on the row
 * an inserted row collides with on <i>any</i> unique key (REPLACE deletes it, the upsert updates
 * it), and that row's buyer is not in the SQL. The collision can only hit a row of the same buyer
 * when <b>every</b> unique key (the primary key included) contains the buyer column; otherwise the
 * statement is refused. An upsert that assigns the buyer column is always refused (it would move
 * the collided row to another buyer). A table without any unique key cannot be told apart from a
 * table whose keys were not loaded, so it is refused too.
 */
public final class UpsertKeyRule {

    private UpsertKeyRule() {
    }

    /**
     * @param uniqueKeys the columns of each unique key of the table, primary key included
     * @return why the statement is refused, or null when every collision stays with the row's buyer
     */
    public static String violation(String table, String buyerColumn, Collection<? extends Collection<String>> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return "the guard sees no unique key on unit table " + table + " (not loaded, or none): it cannot show that a collision stays "
                    + "with the same buyer; use INSERT and UPDATE ... WHERE " + buyerColumn + " = ?";
        }
        for (Collection<String> key : uniqueKeys) {
            List<String> cols = key.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            if (!cols.contains(buyerColumn)) {
                return "unique key " + cols + " of unit table " + table + " does not contain the buyer column " + buyerColumn
                        + ": the inserted row can collide with another buyer's row, which REPLACE would delete and ON DUPLICATE KEY UPDATE "
                        + "would change; add " + buyerColumn + " to every unique key, or use INSERT and UPDATE ... WHERE " + buyerColumn + " = ?";
            }
        }
        return null;
    }
}
