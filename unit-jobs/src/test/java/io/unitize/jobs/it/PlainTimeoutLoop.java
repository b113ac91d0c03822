package io.unitize.jobs.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's baseline: what a team writes without a timeout center. One table with an
 * auto-increment id, "insert a row" to register and one thread that polls due rows, marks the batch
 * fired with one UPDATE and then runs the callbacks. No ownership check against the rules, no
 * per-row claim (compare-and-set) between instances, no idempotency key read-back, no retry state:
 * only correct with a single instance and a buyer that never moves.
 */
final class PlainTimeoutLoop implements AutoCloseable {

    static final String DDL = "CREATE TABLE IF NOT EXISTS plain_timeout (id BIGINT AUTO_INCREMENT PRIMARY KEY, buyer_id BIGINT NOT NULL, "
            + "due_at BIGINT NOT NULL, payload VARCHAR(64) NOT NULL, state TINYINT NOT NULL, KEY idx_plain_due (state, due_at))";
    private static final String NOW = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";

    private final DataSource registering;
    private final DataSource polling;
    private final long pollEveryMillis;
    private final int batch;
    private final Fired onFire;
    private volatile boolean running = true;
    private final Thread poller;

    /** What the callback gets: the row's payload and due time (epoch ms). */
    interface Fired {
        void fired(String payload, long dueAtMillis);
    }

    PlainTimeoutLoop(DataSource registering, DataSource polling, long pollEveryMillis, int batch, Fired onFire) throws SQLException {
        this.registering = registering;
        this.polling = polling;
        this.pollEveryMillis = pollEveryMillis;
        this.batch = batch;
        this.onFire = onFire;
        try (Connection c = polling.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        this.poller = new Thread(this::loop, "plain-timeout-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void register(long buyerId, long dueAtMillis, String payload) {
        try (Connection c = registering.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO plain_timeout (buyer_id, due_at, payload, state) VALUES (?, ?, ?, 0)")) {
            ps.setLong(1, buyerId);
            ps.setLong(2, dueAtMillis);
            ps.setString(3, payload);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void loop() {
        while (running) {
            int n = 0;
            try {
                n = pollOnce();
            } catch (SQLException e) {
                if (running) {
                    System.err.println("plain loop poll failed: " + e);
                }
            }
            if (n < batch) {
                try {
                    Thread.sleep(pollEveryMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private int pollOnce() throws SQLException {
        List<long[]> due = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        try (Connection c = polling.getConnection()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, due_at, payload FROM plain_timeout WHERE state = 0 AND due_at <= " + NOW
                         + " ORDER BY due_at LIMIT " + batch)) {
                while (rs.next()) {
                    due.add(new long[]{rs.getLong(1), rs.getLong(2)});
                    payloads.add(rs.getString(3));
                }
            }
            if (due.isEmpty()) {
                return 0;
            }
            StringBuilder ids = new StringBuilder();
            for (long[] d : due) {
                ids.append(ids.length() == 0 ? "" : ",").append(d[0]);
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE plain_timeout SET state = 1 WHERE id IN (" + ids + ")");
            }
        }
        for (int i = 0; i < due.size(); i++) {
            onFire.fired(payloads.get(i), due.get(i)[1]);
        }
        return due.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(10_000);
    }
}
