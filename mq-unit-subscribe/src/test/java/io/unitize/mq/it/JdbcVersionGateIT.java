package io.unitize.mq.it;

import io.unitize.mq.jdbc.JdbcVersionGate;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The version gate on the sandbox's MariaDB: the seed's reordering case, and atomicity under concurrent first deliveries. */
@SandboxServers({ServerKind.MARIADB})
class JdbcVersionGateIT {

    private static final String DB = "it_mq_version";
    private static SandboxUnit unit;

    @BeforeAll
    static void schema(UnitSandbox sandbox) throws Exception {
        unit = sandbox.center();
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl(""), unit.dbUser(), unit.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".coupon (id VARCHAR(32) PRIMARY KEY, state VARCHAR(16))");
            s.execute("USE " + DB);
            JdbcVersionGate.createTable(c);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(unit.jdbcUrl(DB), unit.dbUser(), unit.dbPassword());
    }

    /** The listener: version gate and business write in one transaction. */
    private static void apply(String coupon, long version, String state) throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            if (JdbcVersionGate.tryAdvance(c, "coupon:" + coupon, version)) {
                try (PreparedStatement ps = c.prepareStatement("REPLACE INTO coupon VALUES (?, ?)")) {
                    ps.setString(1, coupon);
                    ps.setString(2, state);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static String state(String coupon) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT state FROM coupon WHERE id = ?")) {
            ps.setString(1, coupon);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Test
    void theSeedsReorderedReplayEndsValid() throws Exception {
        // valid@10:00:00, invalid@10:00:01, valid@10:00:02, delivered as 0, 2, 1 (versions are the event times)
        apply("seed", 36_000, "valid");
        apply("seed", 36_002, "valid");
        apply("seed", 36_001, "invalid");
        assertThat(state("seed")).isEqualTo("valid");
        apply("seed", 36_002, "invalid"); // the same version again (a duplicate) is not applied either
        assertThat(state("seed")).isEqualTo("valid");
    }

    @Test
    void inOrderEveryNewerVersionApplies() throws Exception {
        apply("inorder", 1, "a");
        apply("inorder", 2, "b");
        apply("inorder", 3, "c");
        assertThat(state("inorder")).isEqualTo("c");
    }

    @Test
    void ofConcurrentFirstDeliveriesOfOneVersionExactlyOneApplies() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "race-" + round + "-" + System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        try (Connection c = connect()) {
                            go.await();
                            return JdbcVersionGate.tryAdvance(c, key, 7);
                        }
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
