package io.unitize.db.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.db.GuardedTable;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.shardingsphere.GuardedDataSources;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads keep writing buyers of slots 6000-6099 (homed in unit-b) through the guard while a
 * freeze of those slots is pushed through the sandbox's Nacos: no write of a moving buyer that
 * started after the guard's subscriber reported the freeze version is accepted; every accepted
 * write is in the table and no refused one is.
 */
@SandboxServers({ServerKind.MARIADB, ServerKind.NACOS})
class GuardUnderRulesPushIT {

    private static final String SCHEMA = "it_guard_push";

    static UnitRules rules(long version, boolean frozen) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("guard push IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, 4999, "center").route(5000, 9999, "unit-b");
        if (frozen) {
            b.freeze(6000, 6099);
        }
        return b.build();
    }

    record Write(long id, long startedAt, boolean accepted, Exception failure) {
    }

    @Test
    void noWriteOfAMovingBuyerIsAcceptedAfterTheGuardReportedTheFreeze(UnitSandbox sandbox) throws Exception {
        SandboxUnit b = sandbox.unit("unit-b");
        String channel = "guard-push-" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (Connection c = DriverManager.getConnection(b.jdbcUrl(""), b.dbUser(), b.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, amount INT NOT NULL)");
            s.execute("DELETE FROM " + SCHEMA + ".orders");
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(b.jdbcUrl(SCHEMA));
        hc.setUsername(b.dbUser());
        hc.setPassword(b.dbPassword());
        hc.setMaximumPoolSize(8);
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build();
             HikariDataSource raw = new HikariDataSource(hc)) {
            publisher.publish(rules(1, false));
            try (RulesSubscriber subscriber = RulesSubscriber.builder().serverAddr(b.nacosAddr()).unit("unit-b").agentKind("db-guard")
                    .dataId(channel + ".json").group(channel).build().start()) {
                // Nacos serves a publication after a short dump delay: the first read may find nothing, the push follows
                long applyDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (subscriber.appliedVersion() < 1 && System.nanoTime() < applyDeadline) {
                    Thread.sleep(20);
                }
                assertThat(subscriber.appliedVersion()).isEqualTo(1);
                DataSource guarded = GuardedDataSources.wrap("guard_push_it", raw, UnitWriteGuard.builder().unit("unit-b")
                        .rules(subscriber::snapshot).table(GuardedTable.unit("orders", "buyer_id")).build());
                ConcurrentLinkedQueue<Write> log = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong ids = new AtomicLong();
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Thread th = new Thread(() -> {
                        while (!stop.get()) {
                            long id = ids.incrementAndGet();
                            long buyer = 6000 + id % 100 + 10_000L * (id % 7);
                            long started = System.nanoTime();
                            try (Connection c = guarded.getConnection();
                                 PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)")) {
                                ps.setLong(1, id);
                                ps.setLong(2, buyer);
                                ps.setInt(3, 1);
                                ps.executeUpdate();
                                log.add(new Write(id, started, true, null));
                            } catch (Exception e) {
                                log.add(new Write(id, started, false, e));
                            }
                        }
                    }, "writer-" + t);
                    th.start();
                    writers.add(th);
                }
                Thread.sleep(500);
                publisher.publish(rules(2, true));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (subscriber.appliedVersion() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long reportedAt = System.nanoTime();
                assertThat(subscriber.appliedVersion()).isEqualTo(2);
                Thread.sleep(500);
                stop.set(true);
                for (Thread th : writers) {
                    th.join();
                }
                ((AutoCloseable) guarded).close(); // closes the pool under it too

                Set<Long> inTable = new HashSet<>();
                try (Connection c = DriverManager.getConnection(b.jdbcUrl(SCHEMA), b.dbUser(), b.dbPassword());
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                    while (rs.next()) {
                        inTable.add(rs.getLong(1));
                    }
                }
                long before = 0;
                long after = 0;
                for (Write w : log) {
                    if (w.accepted()) {
                        assertThat(inTable).as("an accepted write is in the table").contains(w.id());
                        assertThat(w.startedAt()).as("write %d was accepted although it started after the freeze was reported", w.id())
                                .isLessThan(reportedAt);
                        before++;
                    } else {
                        assertThat(w.failure()).isInstanceOf(UnitWriteRefusedException.class);
                        assertThat(((UnitWriteRefusedException) w.failure()).reason()).isEqualTo(UnitWriteRefusedException.Reason.FROZEN);
                        assertThat(inTable).as("a refused write is not in the table").doesNotContain(w.id());
                        if (w.startedAt() > reportedAt) {
                            after++;
                        }
                    }
                }
                assertThat(before).as("writes accepted before the freeze").isPositive();
                assertThat(after).as("writes refused after the freeze was reported").isPositive();
                assertThat(inTable).hasSize((int) before);
            }
        }
    }
}
