package io.unitize.cache.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.InvalidationRule;
import io.unitize.cache.KeyTemplate;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.Scope;
import io.unitize.cache.canal.BinlogInvalidator;
import io.unitize.cache.canal.CanalBinlogSource;
import io.unitize.cache.lettuce.LettuceKeyDeleter;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11's figures: invalidation lag (commit in the center -> key gone from both units' Redis) of
 * probe rows while writer threads keep the binlog busy, and the row changes per second the
 * center's invalidator processes. Not part of verify:
 * <pre>./mvnw -pl cache-invalidator -am install -DskipTests && ./mvnw -pl cache-invalidator verify -Dtest=none \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=InvalidationLagBenchmarkIT -Dunitize.bench=true</pre>
 * Writes cache-invalidator/bench/results/lag.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.MARIADB, ServerKind.CANAL, ServerKind.REDIS})
class InvalidationLagBenchmarkIT {

    private static final String DB = "bench_cache";
    private static final Duration RUN = Duration.ofSeconds(15);
    /** The load while the lag is measured: above the 5,000 row changes/s. */
    private static final int PACED_ROWS_PER_SECOND = 6_000;

    @Test
    void lagAndThroughput(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, state VARCHAR(16))");
        }
        Map<String, String> redisByUnit = new LinkedHashMap<>();
        Map<String, StatefulRedisConnection<String, String>> redis = new LinkedHashMap<>();
        List<RedisClient> clients = new ArrayList<>();
        for (SandboxUnit u : sandbox.units()) {
            redisByUnit.put(u.code(), u.redisUri());
            RedisClient client = RedisClient.create(u.redisUri());
            clients.add(client);
            redis.put(u.code(), client.connect());
        }
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        LettuceKeyDeleter deleter = new LettuceKeyDeleter(redisByUnit, Duration.ofSeconds(2));
        InvalidationPlanner planner = new InvalidationPlanner("center", center.dbServerId(), List.copyOf(redisByUnit.keySet()),
                List.of(new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}")), Scope.ALL_UNITS, null)));
        PlanExecutor executor = new PlanExecutor(deleter, Duration.ofMillis(50), Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()),
                System::currentTimeMillis);
        BinlogInvalidator inv = new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress("127.0.0.1", center.canalPort()),
                center.canalDestination(), DB + "\\..*"), planner, executor, later).start("center");
        Thread.sleep(1_000);
        AtomicLong ids = new AtomicLong(System.nanoTime() & 0xffffffffL);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rowsWritten = new AtomicLong();
        AtomicBoolean paced = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                long interval = 1_000_000_000L * 100 * 2 / PACED_ROWS_PER_SECOND; // per thread, 100-row statements
                long next = System.nanoTime();
                try (Connection c = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword());
                     Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        if (paced.get()) {
                            next += interval;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        StringBuilder sql = new StringBuilder("INSERT INTO orders VALUES ");
                        for (int i = 0; i < 100; i++) {
                            long id = ids.incrementAndGet();
                            sql.append(i == 0 ? "" : ",").append('(').append(id).append(',').append(5000 + id % 5000).append(",'NEW')");
                        }
                        s.execute(sql.toString());
                        rowsWritten.addAndGet(100);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer-" + t);
            writers.add(th);
        }
        long seenBefore = inv.changesSeen();
        long t0 = System.nanoTime();
        writers.forEach(Thread::start);
        List<Long> lags = new ArrayList<>();
        long end = System.nanoTime() + RUN.toNanos();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword()); Statement s = c.createStatement()) {
            while (System.nanoTime() < end) {
                long id = -ids.incrementAndGet();
                String key = "order:42:" + id;
                redis.values().forEach(r -> r.sync().set(key, "cached"));
                s.execute("INSERT INTO orders VALUES (" + id + ", 42, 'PROBE')");
                long committed = System.nanoTime();
                while (redis.values().stream().anyMatch(r -> r.sync().exists(key) == 1)) {
                    Thread.sleep(1);
                    if (System.nanoTime() - committed > Duration.ofSeconds(30).toNanos()) {
                        throw new AssertionError("probe " + key + " not invalidated within 30 s");
                    }
                }
                lags.add((System.nanoTime() - committed) / 1_000);
                Thread.sleep(50);
            }
        }
        double pacedSeconds = (System.nanoTime() - t0) / 1e9;
        long pacedWritten = rowsWritten.get();
        // then as fast as the writers go, for the invalidator's throughput
        paced.set(false);
        long t1 = System.nanoTime();
        long writtenBefore = rowsWritten.get();
        long seenAtFull = inv.changesSeen();
        Thread.sleep(8_000);
        stop.set(true);
        for (Thread th : writers) {
            th.join();
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        long written = rowsWritten.get() - writtenBefore;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inv.changesSeen() - seenBefore < rowsWritten.get() + lags.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double drainSeconds = (System.nanoTime() - t1) / 1e9;
        long processed = inv.changesSeen() - seenAtFull;
        inv.close();
        later.shutdownNow();
        deleter.close();
        redis.values().forEach(StatefulRedisConnection::close);
        clients.forEach(RedisClient::shutdown);

        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        String md = "# Invalidation lag and throughput\n\n- date: " + Instant.now() + "\n- machine: " + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + System.getProperty("java.version") + "; MariaDB x2, Canal x2, Redis x2 (sandbox) and the test share the cores\n"
                + "- command: `./mvnw -pl cache-invalidator -am install -DskipTests && ./mvnw -pl cache-invalidator verify -Dtest=none "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=InvalidationLagBenchmarkIT -Dunitize.bench=true`\n"
                + "- lag phase (" + RUN.toSeconds() + " s): 2 writer threads insert 100-row statements into the center's `orders` (ALL_UNITS, "
                + "key `order:{buyer_id}:{id}`) paced at " + PACED_ROWS_PER_SECOND + " rows/s; meanwhile a probe every ~50 ms: set its key in "
                + "both Redis, insert its row, poll both Redis until the key is gone (lag = commit returned -> gone in both units)\n"
                + "- throughput phase (8 s): the same writers unpaced; row changes the invalidator processed (read, planned, deleted in both "
                + "Redis, acknowledged) until it had caught up\n\n"
                + String.format("| | value |%n|---|---|%n| lag phase: rows written | %,d (%,.0f rows/s) |%n| probes | %d |%n| lag p50 | %.1f ms |%n"
                        + "| lag p99 | %.1f ms |%n| lag max | %.1f ms |%n| throughput phase: rows written | %,d (%,.0f rows/s) |%n"
                        + "| row changes processed by the invalidator | %,d in %.1f s incl. catching up (%,.0f rows/s) |%n",
                pacedWritten, pacedWritten / pacedSeconds, sorted.length, pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0, written, written / seconds, processed, drainSeconds, processed / drainSeconds)
                + "\nTargets: lag p99 < 500 ms; >= 5,000 row changes/s.\n";
        Path out = Path.of("bench", "results", "lag.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
