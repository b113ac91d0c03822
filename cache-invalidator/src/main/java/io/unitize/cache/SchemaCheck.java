package io.unitize.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks invalidation rules against a database's live schema, so a typo fails startup instead of leaving stale keys. */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /**
     * @param columnsByTable lower-case table -> its lower-case columns, as the database reports them
     * @throws InvalidatorConfigException naming the first unknown table or column
     */
    public static void check(List<InvalidationRule> rules, String schema, Map<String, Set<String>> columnsByTable) {
        for (InvalidationRule r : rules) {
            Set<String> columns = columnsByTable.get(r.table());
            if (columns == null) {
                throw new InvalidatorConfigException("table '" + r.table() + "' does not exist in schema " + schema
                        + " (tables: " + new TreeSet<>(columnsByTable.keySet()) + ")");
            }
            for (KeyTemplate t : r.templates()) {
                t.checkColumns(r.table(), columns);
            }
        }
    }
}
