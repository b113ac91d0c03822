package io.unitize.id;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Worker ids leased from table {@code unitize_id_worker} in the unit's own database: a free or
 * expired row is taken, the lease renewed every ttl/3, and expiry judged by the database's clock
 * (never a process's). A process whose renewal fails past the ttl stops issuing. Only a unit's
 * processes write its rows, so the table replicates both ways without conflicts.
 */
public final class JdbcWorkerLeases {

    public static final String TABLE = "unitize_id_worker";
    private static final Logger log = LoggerFactory.getLogger(JdbcWorkerLeases.class);
    private static final String DB_NOW = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";

    private final DataSource dataSource;

    public JdbcWorkerLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (unit VARCHAR(32) NOT NULL, worker INT NOT NULL, "
                    + "holder VARCHAR(128) NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (unit, worker))");
        } catch (SQLException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-020 cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the lowest free (or expired) worker id of {@code unit} below {@code maxWorkers}.
     *
     * @param holder names this process in the table (host:pid), for operators
     * @throws IllegalStateException (UNITIZE-ID-021) if every worker id is held
     */
    public WorkerLease acquire(String unit, String holder, int maxWorkers, Duration ttl) {
        for (int w = 0; w < maxWorkers; w++) {
            if (tryTake(unit, w, holder, ttl)) {
                log.info("UNITIZE-ID-022 worker id {} of unit {} leased to {} for {}", w, unit, holder, ttl);
                return new Lease(unit, w, holder, ttl);
            }
        }
        throw new IllegalStateException("UNITIZE-ID-021 every worker id (0.." + (maxWorkers - 1) + ") of unit " + unit
                + " is leased by a live process. Next: stop a process or use a layout with more worker bits");
    }

    private boolean tryTake(String unit, int worker, String holder, Duration ttl) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (unit, worker, holder, expires_at) VALUES (?, ?, ?, "
                    + DB_NOW + " + ?)")) {
                ps.setString(1, unit);
                ps.setInt(2, worker);
                ps.setString(3, holder);
                ps.setLong(4, ttl.toMillis());
                ps.executeUpdate();
                return true;
            } catch (SQLIntegrityConstraintViolationException taken) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET holder = ?, expires_at = " + DB_NOW
                        + " + ? WHERE unit = ? AND worker = ? AND expires_at < " + DB_NOW)) {
                    ps.setString(1, holder);
                    ps.setLong(2, ttl.toMillis());
                    ps.setString(3, unit);
                    ps.setInt(4, worker);
                    return ps.executeUpdate() == 1;
                }
            }
        } catch (SQLException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-020 cannot lease a worker id in unit " + unit + ": " + e.getMessage(), e);
        }
    }

    private final class Lease implements WorkerLease {
        private final String unit;
        private final int worker;
        private final String holder;
        private final Duration ttl;
        private final ScheduledExecutorService renewer;
        private volatile boolean held = true;
        private volatile long validUntilNanos;
        private final java.util.concurrent.atomic.LongAdder renewals = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder renewalFailures = new java.util.concurrent.atomic.LongAdder();

        Lease(String unit, int worker, String holder, Duration ttl) {
            this.unit = unit;
            this.worker = worker;
            this.holder = holder;
            this.ttl = ttl;
            this.validUntilNanos = System.nanoTime() + ttl.toNanos();
            this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "unitize-id-lease-" + unit + "-" + worker);
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        void renew() {
            long started = System.nanoTime();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET expires_at = " + DB_NOW + " + ? WHERE unit = ? "
                         + "AND worker = ? AND holder = ?")) {
                ps.setLong(1, ttl.toMillis());
                ps.setString(2, unit);
                ps.setInt(3, worker);
                ps.setString(4, holder);
                if (ps.executeUpdate() == 1) {
                    validUntilNanos = started + ttl.toNanos();
                    renewals.increment();
                } else {
                    renewalFailures.increment();
                    lost("the row now belongs to another process");
                }
            } catch (SQLException e) {
                renewalFailures.increment();
                if (System.nanoTime() > validUntilNanos) {
                    lost("not renewed within " + ttl + ": " + e.getMessage());
                } else {
                    log.warn("UNITIZE-ID-023 cannot renew worker id {} of unit {}: {}; retrying until the lease expires",
                            worker, unit, e.getMessage());
                }
            }
        }

        private void lost(String why) {
            if (held) {
                held = false;
                log.error("UNITIZE-ID-024 worker id {} of unit {} lost ({}): this process stops issuing snowflake IDs. "
                        + "Next: restart it to lease a worker id again", worker, unit, why);
            }
            renewer.shutdown();
        }

        @Override
        public long renewalCount() {
            return renewals.sum();
        }

        @Override
        public long renewalFailureCount() {
            return renewalFailures.sum();
        }

        @Override
        public int worker() {
            return worker;
        }

        @Override
        public boolean isHeld() {
            return held && System.nanoTime() < validUntilNanos;
        }

        @Override
        public void close() {
            renewer.shutdownNow();
            if (held) {
                held = false;
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE unit = ? AND worker = ? AND holder = ?")) {
                    ps.setString(1, unit);
                    ps.setInt(2, worker);
                    ps.setString(3, holder);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    log.warn("UNITIZE-ID-025 cannot release worker id {} of unit {}: {}; it expires after {}", worker, unit,
                            e.getMessage(), ttl);
                }
            }
        }
    }
}
