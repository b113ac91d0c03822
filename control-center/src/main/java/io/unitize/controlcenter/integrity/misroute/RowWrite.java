package io.unitize.controlcenter.integrity.misroute;

/**
 * One row change read from a unit's binlog, reduced to what the audit needs.
 *
 * @param table          {@code schema.table}, lower case
 * @param key            the row's primary key value (as text)
 * @param buyer          the buyer column's value (as text; null if absent)
 * @param type           INSERT, UPDATE or DELETE
 * @param originServerId the MariaDB server that first wrote the change (a replicated row keeps its origin's)
 * @param commitMillis   the transaction's commit time (binlog timestamp: whole seconds on MariaDB)
 */
public record RowWrite(String table, String key, String buyer, String type, long originServerId, long commitMillis) {
}
