package io.unitize.jobs.jdbc;

import io.unitize.core.SlotRange;
import io.unitize.jobs.timeout.TimeoutState;
import io.unitize.jobs.timeout.TimeoutStore;
import io.unitize.jobs.timeout.TimeoutStoreUnavailableException;
import io.unitize.jobs.timeout.TimeoutTask;
import io.unitize.jobs.timeout.TimeoutTaskView;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Timeout tasks in table {@code unitize_timeout_task} of the unit's database (MariaDB / MySQL). A unit
 * table: the buyer column is {@code buyer_id}, part of the primary key {@code (buyer_id, task_key)}
 * (no auto-increment), and every statement names the buyer, so each write is unit-closed and the
 * rows replicate both ways like the other unit tables. Times are epoch milliseconds; "now" is the
 * database's clock, so the instances of a unit agree on what is due and when a claim expires.
 * {@code held_until} holds a task back while it is claimed (until the claim expires) or waits to be
 * retried after a failure; {@code due_at} stays the time it was registered for.
 */
public final class JdbcTimeoutStore implements TimeoutStore {

    public static final String TABLE = "unitize_timeout_task";
    private static final String NOW = JdbcJobLease.DB_NOW;
    private static final String COLUMNS = "buyer_id, task_key, callback, due_at, payload, state, attempts, fired_at, fired_unit, last_error";

    private final DataSource dataSource;

    public JdbcTimeoutStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The table's DDL (MariaDB / MySQL), also in the module's README. */
    public static String ddl() {
        return "CREATE TABLE IF NOT EXISTS " + TABLE + " (\n"
                + "  buyer_id    BIGINT       NOT NULL,\n"
                + "  task_key    VARCHAR(128) NOT NULL,\n"
                + "  callback    VARCHAR(64)  NOT NULL,\n"
                + "  due_at      BIGINT       NOT NULL,\n"
                + "  payload     TEXT         NOT NULL,\n"
                + "  state       VARCHAR(16)  NOT NULL,\n"
                + "  attempts    INT          NOT NULL,\n"
                + "  holder      VARCHAR(128) NULL,\n"
                + "  held_until  BIGINT       NOT NULL,\n"
                + "  created_at  BIGINT       NOT NULL,\n"
                + "  fired_at    BIGINT       NULL,\n"
                + "  fired_unit  VARCHAR(32)  NULL,\n"
                + "  last_error  VARCHAR(512) NULL,\n"
                + "  PRIMARY KEY (buyer_id, task_key),\n"
                + "  KEY idx_unitize_timeout_due (state, due_at)\n"
                + ")";
    }

    public JdbcTimeoutStore createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl());
        } catch (SQLException e) {
            throw new TimeoutStoreUnavailableException("UNITIZE-JOB-020 cannot create " + TABLE + ": " + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public TimeoutTaskView insertIfAbsent(TimeoutTask task) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + TABLE + " (buyer_id, task_key, callback, due_at, payload, "
                     + "state, attempts, held_until, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, 0, " + NOW + ")")) {
            ps.setLong(1, task.buyerId());
            ps.setString(2, task.key());
            ps.setString(3, task.callback());
            ps.setLong(4, task.dueAt().toEpochMilli());
            ps.setString(5, task.payload());
            if (ps.executeUpdate() == 1) { // inserted: what is stored is this task, PENDING (no read-back)
                return new TimeoutTaskView(new TimeoutTask(task.buyerId(), task.key(), task.callback(),
                        Instant.ofEpochMilli(task.dueAt().toEpochMilli()), task.payload()), TimeoutState.PENDING, 0, null, null, null);
            }
        } catch (SQLException e) {
            throw unavailable("store task " + task.key() + " of buyer " + task.buyerId(), e);
        }
        return find(task.buyerId(), task.key()).orElseThrow(() -> new TimeoutStoreUnavailableException(
                "task " + task.key() + " of buyer " + task.buyerId() + " was stored but cannot be read back", null));
    }

    @Override
    public Optional<TimeoutTaskView> find(long buyerId, String key) {
        List<TimeoutTaskView> rows = select("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE buyer_id = ? AND task_key = ?", buyerId, key);
        return rows.stream().findFirst();
    }

    @Override
    public List<TimeoutTaskView> listByBuyer(long buyerId, int limit) {
        return select("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE buyer_id = ? ORDER BY due_at, task_key LIMIT " + limit, buyerId);
    }

    private List<TimeoutTaskView> select(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<TimeoutTaskView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long firedAt = rs.getLong(8);
                    boolean hasFired = !rs.wasNull();
                    out.add(new TimeoutTaskView(new TimeoutTask(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)), TimeoutState.valueOf(rs.getString(6)), rs.getInt(7),
                            hasFired ? Instant.ofEpochMilli(firedAt) : null, rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("read timeout tasks", e);
        }
    }

    @Override
    public boolean cancel(long buyerId, String key) {
        return update("UPDATE " + TABLE + " SET state = 'CANCELLED' WHERE buyer_id = ? AND task_key = ? AND state = 'PENDING'",
                buyerId, key) == 1;
    }

    @Override
    public List<TimeoutTask> due(int slotCount, List<SlotRange> ranges, int limit) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT buyer_id, task_key, callback, due_at, payload FROM " + TABLE + dueWhere(slotCount, ranges)
                + " ORDER BY due_at LIMIT " + limit;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<TimeoutTask> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new TimeoutTask(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("find due timeout tasks", e);
        }
    }

    @Override
    public long countDue(int slotCount, List<SlotRange> ranges) {
        if (ranges.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE + dueWhere(slotCount, ranges))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw unavailable("count due timeout tasks", e);
        }
    }

    private static String dueWhere(int slotCount, List<SlotRange> ranges) {
        StringBuilder sql = new StringBuilder(" WHERE state IN ('PENDING', 'CLAIMED') AND due_at <= ").append(NOW)
                .append(" AND held_until < ").append(NOW).append(" AND (");
        String slot = "MOD(MOD(buyer_id, " + slotCount + ") + " + slotCount + ", " + slotCount + ")"; // floorMod, as the rules' MOD transform
        for (int i = 0; i < ranges.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(slot).append(" BETWEEN ").append(ranges.get(i).from()).append(" AND ")
                    .append(ranges.get(i).to());
        }
        return sql.append(")").toString();
    }

    @Override
    public OptionalInt claim(long buyerId, String key, String holder, Duration claimFor) {
        int n = update("UPDATE " + TABLE + " SET state = 'CLAIMED', holder = ?, held_until = " + NOW + " + ?, attempts = attempts + 1 "
                + "WHERE buyer_id = ? AND task_key = ? AND state IN ('PENDING', 'CLAIMED') AND due_at <= " + NOW + " AND held_until < " + NOW,
                holder, claimFor.toMillis(), buyerId, key);
        if (n != 1) {
            return OptionalInt.empty();
        }
        // attempts is read back under the claim: only this holder changes the row until held_until
        return find(buyerId, key).filter(v -> v.state() == TimeoutState.CLAIMED).map(v -> OptionalInt.of(v.attempts()))
                .orElse(OptionalInt.empty());
    }

    @Override
    public boolean markFired(long buyerId, String key, String holder, int attempt, String unit) {
        return update("UPDATE " + TABLE + " SET state = 'FIRED', fired_at = " + NOW + ", fired_unit = ?, held_until = 0 "
                + "WHERE buyer_id = ? AND task_key = ? AND state = 'CLAIMED' AND holder = ? AND attempts = ?",
                unit, buyerId, key, holder, attempt) == 1;
    }

    @Override
    public boolean retryLater(long buyerId, String key, String holder, int attempt, Duration delay, String error) {
        String shown = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        return update("UPDATE " + TABLE + " SET state = 'PENDING', held_until = " + NOW + " + ?, last_error = ? "
                + "WHERE buyer_id = ? AND task_key = ? AND state = 'CLAIMED' AND holder = ? AND attempts = ?",
                delay.toMillis(), shown, buyerId, key, holder, attempt) == 1;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("update timeout task", e);
        }
    }

    private static TimeoutStoreUnavailableException unavailable(String what, SQLException e) {
        return new TimeoutStoreUnavailableException("UNITIZE-JOB-040 cannot " + what + " in " + TABLE + ": " + e.getMessage(), e);
    }
}
