package io.unitize.jobs.jdbc;

import io.unitize.jobs.JobLease;
import io.unitize.jobs.JobLeaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Job leases in table {@code unitize_job_lease} of the unit's own database, one row per (unit, job):
 * taken by one conditional UPDATE (free or expired, by the database's clock, and no run of this or a
 * later fire started), with a fencing token that grows by one at every take. Only a unit's instances
 * write its rows, so the table replicates both ways without conflicts (it has no buyer column: it is
 * not a unit table, and a DB guard should leave it unguarded).
 */
public final class JdbcJobLease implements JobLease {

    public static final String TABLE = "unitize_job_lease";
    private static final Logger log = LoggerFactory.getLogger(JdbcJobLease.class);
    static final String DB_NOW = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";

    private final DataSource dataSource;

    public JdbcJobLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** CREATE TABLE IF NOT EXISTS (the DDL is also in the module's README). */
    public JdbcJobLease createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (unit VARCHAR(32) NOT NULL, job VARCHAR(128) NOT NULL, "
                    + "holder VARCHAR(128) NOT NULL, expires_at BIGINT NOT NULL, last_fire BIGINT NOT NULL, fencing BIGINT NOT NULL, "
                    + "PRIMARY KEY (unit, job))");
        } catch (SQLException e) {
            throw new JobLeaseUnavailableException("UNITIZE-JOB-020 cannot create " + TABLE + ": " + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public Optional<Held> tryAcquire(String unit, String job, Instant fireTime, String holder, Duration leaseFor) {
        long fire = fireTime.toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + TABLE
                    + " (unit, job, holder, expires_at, last_fire, fencing) VALUES (?, ?, '', 0, ?, 0)")) {
                ps.setString(1, unit);
                ps.setString(2, job);
                ps.setLong(3, Long.MIN_VALUE);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET holder = ?, expires_at = " + DB_NOW
                    + " + ?, last_fire = ?, fencing = fencing + 1 WHERE unit = ? AND job = ? AND expires_at < " + DB_NOW
                    + " AND last_fire < ?")) {
                ps.setString(1, holder);
                ps.setLong(2, leaseFor.toMillis());
                ps.setLong(3, fire);
                ps.setString(4, unit);
                ps.setString(5, job);
                ps.setLong(6, fire);
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT fencing FROM " + TABLE
                    + " WHERE unit = ? AND job = ? AND holder = ? AND last_fire = ?")) {
                ps.setString(1, unit);
                ps.setString(2, job);
                ps.setString(3, holder);
                ps.setLong(4, fire);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty(); // taken over between the two statements (lease shorter than a round trip)
                    }
                    return Optional.of(new Lease(unit, job, holder, rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw new JobLeaseUnavailableException("cannot take lease of job " + job + " in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private final class Lease implements Held {
        private final String unit;
        private final String job;
        private final String holder;
        private final long fencing;

        Lease(String unit, String job, String holder, long fencing) {
            this.unit = unit;
            this.job = job;
            this.holder = holder;
            this.fencing = fencing;
        }

        @Override
        public long fencingToken() {
            return fencing;
        }

        @Override
        public void close() {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET expires_at = 0 WHERE unit = ? AND job = ? "
                         + "AND holder = ? AND fencing = ?")) {
                ps.setString(1, unit);
                ps.setString(2, job);
                ps.setString(3, holder);
                ps.setLong(4, fencing);
                ps.executeUpdate();
            } catch (SQLException e) {
                log.warn("UNITIZE-JOB-021 cannot release the lease of job {} in unit {}: {}; it expires by itself", job, unit,
                        e.getMessage());
            }
        }
    }
}
