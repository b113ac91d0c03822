package io.unitize.cache;

import java.util.Map;

/**
 * One row change read from a unit's binlog.
 *
 * @param table          table name (lower case)
 * @param before         the row before (UPDATE, DELETE), column -> value, or empty
 * @param after          the row after (INSERT, UPDATE), or empty
 * @param originServerId the MariaDB server id that first wrote the change (a replicated row keeps its origin's)
 * @param commitMillis   commit time of the transaction, for the lag metric
 */
public record RowChange(String table, Map<String, String> before, Map<String, String> after, long originServerId, long commitMillis) {

    public RowChange {
        before = before == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(before)); // NULL columns allowed
        after = after == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(after));
    }
}
