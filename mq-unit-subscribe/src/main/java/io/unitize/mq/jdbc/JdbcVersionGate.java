package io.unitize.mq.jdbc;

import io.unitize.mq.VersionGate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link VersionGate} in the unit database, table {@code unitize_applied_version(biz_key, version)}.
 * Use {@link #tryAdvance(Connection, String, long)} inside the transaction of the business write, so
 * the version and the data commit (and replicate) together:
 *
 * <pre>{@code
 * try (Connection c = ds.getConnection()) {
 *     c.setAutoCommit(false);
 *     if (JdbcVersionGate.tryAdvance(c, "order:" + orderId, version)) {
 *         update(c, order);                 // only a newer version is applied
 *     }
 *     c.commit();
 * }
 * }</pre>
 */
public final class JdbcVersionGate implements VersionGate {

    public static final String TABLE = "unitize_applied_version";
    public static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (biz_key VARCHAR(191) NOT NULL PRIMARY KEY, version BIGINT NOT NULL)";

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

    /** Creates the table if it is missing (a unit table: it replicates with the data). */
    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
        }
    }
}
