package io.unitize.mq.jdbc;

import io.unitize.mq.VersionGate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link VersionGate} in the unit database, table {@code unitize_applied_version(biz_key, buyer_id, version)}.
 * Use {@link #tryAdvance(Connection, long, String, long)} inside the transaction of the business write, so
 * the version and the data commit (and replicate) together. On a datasource behind db-proxy-rules' write
 * guard the table is a unit table with buyer column {@value #BUYER_COLUMN}: the buyer form names the buyer
 * in every statement it writes, which is what lets the guard prove the write stays with that buyer (the
 * form without a buyer is refused there, since its statements pin no buyer):
 *
 * <pre>{@code
 * try (Connection c = ds.getConnection()) {
 *     c.setAutoCommit(false);
 *     if (JdbcVersionGate.tryAdvance(c, buyerId, "order:" + orderId, version)) {
 *         update(c, order);                 // only a newer version is applied
 *     }
 *     c.commit();
 * }
 * }</pre>
 */
public final class JdbcVersionGate implements VersionGate {

    public static final String TABLE = "unitize_applied_version";
    /** The buyer column: declare the table to the write guard as a unit table with this column. */
    public static final String BUYER_COLUMN = "buyer_id";
    public static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (biz_key VARCHAR(191) NOT NULL PRIMARY KEY, " + BUYER_COLUMN + " BIGINT NULL, version BIGINT NOT NULL)";

    private final DataSource dataSource;

    /** A gate that commits each advance on its own (auto-commit); prefer the transactional form. */
    public JdbcVersionGate(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean tryAdvance(String businessKey, long version) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return tryAdvance(c, businessKey, version);
        }
    }

    /**
     * Atomic per key: a conditional UPDATE (row lock) for a known key, else an INSERT IGNORE for a new one
     * (of two first-timers, only one inserts; the other then re-checks with the UPDATE).
     */
    public static boolean tryAdvance(Connection c, String businessKey, long version) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE + " SET version = ? WHERE biz_key = ? AND version < ?")) {
                up.setLong(1, version);
                up.setString(2, businessKey);
                up.setLong(3, version);
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT IGNORE INTO " + TABLE + " (biz_key, version) VALUES (?, ?)")) {
                ins.setString(1, businessKey);
                ins.setLong(2, version);
                if (ins.executeUpdate() == 1) {
                    return true;
                }
            }
            // the key exists: either with a version >= ours (the UPDATE matched nothing), or just inserted by another -> check again
        }
        return false;
    }

    /**
     * The same as {@link #tryAdvance(Connection, String, long)} for a key that belongs to one buyer: every
     * statement names the buyer ({@code WHERE buyer_id = ?}, the inserted row's {@code buyer_id}), so a
     * write guard can check it; a key already recorded for another buyer is never advanced.
     */
    public static boolean tryAdvance(Connection c, long buyerId, String businessKey, long version) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE + " SET version = ? WHERE " + BUYER_COLUMN
                    + " = ? AND biz_key = ? AND version < ?")) {
                up.setLong(1, version);
                up.setLong(2, buyerId);
                up.setString(3, businessKey);
                up.setLong(4, version);
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT IGNORE INTO " + TABLE + " (biz_key, " + BUYER_COLUMN
                    + ", version) VALUES (?, ?, ?)")) {
                ins.setString(1, businessKey);
                ins.setLong(2, buyerId);
                ins.setLong(3, version);
                if (ins.executeUpdate() == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Creates the table if it is missing (a unit table: it replicates with the data). */
    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
        }
    }
}
