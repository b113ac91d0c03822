package io.unitize.db.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.RulesSnapshot;
import io.unitize.db.GuardedTable;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.shardingsphere.GuardedDataSources;
import io.unitize.db.shardingsphere.UnitWriteGuards;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7's figure: statement throughput through the guard vs the same ShardingSphere-JDBC
 * datasource without it, against the same MariaDB, in alternating windows. Not part of verify:
 * <pre>flock /tmp/unitize-sandbox.lock ./mvnw -pl db-proxy-rules -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=GuardThroughputBenchmarkIT -Dunitize.bench=true</pre>
 * Writes db-proxy-rules/bench/results/guard.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.MARIADB)
class GuardThroughputBenchmarkIT {

    private static final int ROUNDS = 10;
    private static final long WINDOW_MS = 3_000;
    private static final int THREADS = 4;

    @Test
    void statementsPerSecondWithAndWithoutTheGuard(UnitSandbox sandbox) throws Exception {
        SandboxUnit b = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(b.jdbcUrl(""), b.dbUser(), b.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS bench_guard");
            s.execute("CREATE TABLE IF NOT EXISTS bench_guard.orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, amount INT NOT NULL, "
                    + "KEY by_buyer (buyer_id))");
            s.execute("DELETE FROM bench_guard.orders");
        }
        RulesSnapshot rules = WriteGuardIT.rules(1, -1, -1);
        try (HikariDataSource poolA = pool(b); HikariDataSource poolB = pool(b)) {
            DataSource guarded = GuardedDataSources.wrap("bench_guarded", poolA, UnitWriteGuard.builder().unit("unit-b").rules(() -> rules)
                    .table(GuardedTable.unit("orders", "buyer_id")).build());
            DataSource plain = GuardedDataSources.wrap("bench_plain", poolB, UnitWriteGuard.builder().unit("unit-b").rules(() -> rules).build());
            UnitWriteGuards.unregister("bench_plain"); // the same ShardingSphere datasource, no guard
            AtomicLong ids = new AtomicLong();
            window(guarded, ids, 5_000);
            window(plain, ids, 5_000);
            StringBuilder rows = new StringBuilder();
            long withTotal = 0;
            long withoutTotal = 0;
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                boolean guardedFirst = r % 2 == 0;
                long x = window(guardedFirst ? guarded : plain, ids, WINDOW_MS);
                long y = window(guardedFirst ? plain : guarded, ids, WINDOW_MS);
                long with = guardedFirst ? x : y;
                long without = guardedFirst ? y : x;
                withTotal += with;
                withoutTotal += without;
                ratios.add((double) with / without);
                rows.append(String.format("| %d | %,d | %,d | %.3f |%n", r + 1, with * 1000 / WINDOW_MS, without * 1000 / WINDOW_MS,
                        (double) with / without));
            }
            double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sd = Math.sqrt(ratios.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (ratios.size() - 1));
            String md = "# Write guard throughput\n\n- date: " + Instant.now() + "\n- machine: " + Runtime.getRuntime().availableProcessors()
                    + " cores, JDK " + System.getProperty("java.version") + "; the driver threads and MariaDB (sandbox, unit-b) share the cores\n"
                    + "- command: `flock /tmp/unitize-sandbox.lock ./mvnw -pl db-proxy-rules -am verify -Dtest=none "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=GuardThroughputBenchmarkIT "
                    + "-Dunitize.bench=true`\n"
                    + "- workload: " + THREADS + " threads, autocommit, per iteration one INSERT (own buyer), one UPDATE ... WHERE buyer_id = ? AND "
                    + "id = ?, one SELECT ... WHERE buyer_id = ? (3 statements)\n"
                    + "- with: ShardingSphere-JDBC 5.5.2 + the guard (table orders declared UNIT); without: the same ShardingSphere datasource "
                    + "setup, no guard; separate Hikari pools of 4 to the same MariaDB; " + ROUNDS + " alternating rounds of " + WINDOW_MS
                    + " ms each side after 5 s of warm-up each\n"
                    + "- guard: the fail-closed guard of issue 26 (text screen for executable comments and several statements, statement-kind "
                    + "allowlist, written tables read per table reference, strict buyer values, layouts from JDBC metadata); "
                    + "previous figure (guard of issue 7, 2026-11-22): ratio of totals 1.060\n\n"
                    + "| round | with guard statements/s | without statements/s | ratio |\n|---|---|---|---|\n" + rows
                    + String.format("%nTotal: with guard %,d, without %,d statements/s; **ratio of totals %.3f**, mean of round ratios %.3f "
                            + "(sd %.3f) (target >= 0.95).%n", withTotal * 1000 / (WINDOW_MS * ROUNDS), withoutTotal * 1000 / (WINDOW_MS * ROUNDS),
                    (double) withTotal / withoutTotal, mean, sd);
            Path out = Path.of("bench", "results", "guard.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md);
            System.out.println(md);
            ((AutoCloseable) guarded).close();
            ((AutoCloseable) plain).close();
        }
    }

    private static HikariDataSource pool(SandboxUnit b) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(b.jdbcUrl("bench_guard"));
        hc.setUsername(b.dbUser());
        hc.setPassword(b.dbPassword());
        hc.setMaximumPoolSize(THREADS);
        return new HikariDataSource(hc);
    }

    /** Statements completed in {@code millis} by the worker threads. */
    private static long window(DataSource ds, AtomicLong ids, long millis) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                try (Connection c = ds.getConnection();
                     PreparedStatement ins = c.prepareStatement("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)");
                     PreparedStatement upd = c.prepareStatement("UPDATE orders SET amount = amount + 1 WHERE buyer_id = ? AND id = ?");
                     PreparedStatement sel = c.prepareStatement("SELECT amount FROM orders WHERE buyer_id = ?")) {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        long id = ids.incrementAndGet();
                        long buyer = 5000 + ThreadLocalRandom.current().nextInt(5000); // homed in unit-b
                        ins.setLong(1, id);
                        ins.setLong(2, buyer);
                        ins.setInt(3, 1);
                        ins.executeUpdate();
                        upd.setLong(1, buyer);
                        upd.setLong(2, id);
                        upd.executeUpdate();
                        sel.setLong(1, buyer);
                        try (ResultSet rs = sel.executeQuery()) {
                            while (rs.next()) {
                                rs.getInt(1);
                            }
                        }
                        n += 3;
                    }
                    done.addAndGet(n);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        return done.get();
    }
}
