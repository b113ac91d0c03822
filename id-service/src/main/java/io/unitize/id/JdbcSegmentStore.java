package io.unitize.id;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Segments from table {@code unitize_id_segment} in the unit's own database (MariaDB/MySQL): one
 * row per (tag, unit), {@code max_value} advanced under a row lock. Only a unit writes its own
 * rows, so the table replicates both ways without conflicts, and a unit's rows survive in the
 * other units (a failover continues from the replicated value plus the unit's own residue).
 */
public final class JdbcSegmentStore implements SegmentStore {

    public static final String TABLE = "unitize_id_segment";

    private final DataSource dataSource;

    public JdbcSegmentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table if it is missing. */
    public void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (tag VARCHAR(64) NOT NULL, unit VARCHAR(32) NOT NULL, "
                    + "max_value BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tag, unit))");
        } catch (SQLException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-012 cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Registers {@code tag} for {@code unit} starting after {@code start}; does nothing if it exists. */
    public void register(String tag, String unit, long start) {
        if (tag == null || !tag.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("tag must be 1-64 letters, digits or _.:-, but was '" + tag + "'");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + TABLE + " (tag, unit, max_value, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tag);
            ps.setString(2, unit);
            ps.setLong(3, start);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-012 cannot register tag " + tag + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Segment allocate(String tag, String unit, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("segment size must be > 0, but was " + size);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long max;
                try (PreparedStatement ps = c.prepareStatement("SELECT max_value FROM " + TABLE + " WHERE tag = ? AND unit = ? FOR UPDATE")) {
                    ps.setString(1, tag);
                    ps.setString(2, unit);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new UnknownTagException(tag, unit);
                        }
                        max = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET max_value = ?, updated_at = ? WHERE tag = ? AND unit = ?")) {
                    ps.setLong(1, max + size);
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setString(3, tag);
                    ps.setString(4, unit);
                    ps.executeUpdate();
                }
                c.commit();
                return new Segment(tag, max + 1, max + size);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-013 cannot allocate a segment of " + tag + " in unit " + unit
                    + ": " + e.getMessage() + ". Next: check the unit's database", e);
        }
    }
}
