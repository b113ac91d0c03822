package io.unitize.controlcenter.integrity.lag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * The heartbeat table in a unit's database: one row per writing unit, {@code (unit, seq,
 * written_at)}, in the schema that the replication carries with the sync markers
 * ({@code unitize_sync.heartbeat} by default). Each unit's row is written only in that unit's own
 * database; every other database holds the replicated copy.
 */
public final class HeartbeatTable {

    private final String table;

    public HeartbeatTable(String schema) {
        if (!schema.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("schema must be letters, digits or '_', but was '" + schema + "'");
        }
        this.table = schema + ".heartbeat";
    }

    public String name() {
        return table;
    }

    /** Creates the table when absent (the schema must exist). */
    public void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (unit VARCHAR(32) NOT NULL PRIMARY KEY, "
                    + "seq BIGINT NOT NULL, written_at BIGINT NOT NULL)");
        }
    }

    /** Writes {@code unit}'s heartbeat (auto-commit). */
    public void write(Connection c, String unit, long seq, long writtenAtMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (unit, seq, written_at) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE seq = VALUES(seq), written_at = VALUES(written_at)")) {
            ps.setString(1, unit);
            ps.setLong(2, seq);
            ps.setLong(3, writtenAtMillis);
            ps.executeUpdate();
        }
    }

    /** The sequence of {@code unit}'s heartbeat as this database holds it, if any. */
    public OptionalLong read(Connection c, String unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + table + " WHERE unit = ?")) {
            ps.setString(1, unit);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
