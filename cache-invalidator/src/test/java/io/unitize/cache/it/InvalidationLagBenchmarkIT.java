package io.unitize.cache.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.InvalidationRule;
import io.unitize.cache.KeyTemplate;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.RowChange;
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
import java.sql.SQLException;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Issue 11's and issue 25's figures: invalidation lag (commit in the center -> key gone from both
 * units' Redis) of probe rows while writer threads keep the binlog busy at 6,000 and 12,000 rows/s,
 * and the row changes per second processed unpaced; for each, in the same run and against the same
 * Canal destination, the Unitize invalidator ({@link BinlogInvalidator} + planner + executor) and a
 * baseline: a raw Canal client loop that computes the key from the row and deletes it in both Redis,
 * no planner, no executor. Only one of the two is connected to the destination at a time; each
 * catches up (a sentinel row's key gone) before it is measured. Not part of verify:
 * <pre>./mvnw -B -o -pl cache-invalidator -am verify -Dtest=NoSuchTest -Dit.test=InvalidationLagBenchmarkIT -Dunitize.bench=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 * Writes cache-invalidator/bench/results/lag.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.MARIADB, ServerKind.CANAL, ServerKind.REDIS})
class InvalidationLagBenchmarkIT {

    private static final String DB = "bench_cache";
    private static final Duration RUN = Duration.ofSeconds(15);
    /** Writes before the probes start in each lag phase (the consumer reaches its steady state). */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration UNPACED = Duration.ofSeconds(8);
    /** The loads while the lag is measured: today's (above the issue's 5,000 row changes/s) and twice it. */
    private static final int[] PACED_ROWS_PER_SECOND = {6_000, 12_000};
    private static final long LAG_TARGET_MICROS = 500_000;
    private static final double THROUGHPUT_TARGET = 5_000;
    private static final String UNITIZE = "Unitize";
    private static final String BASELINE = "baseline";

    private SandboxUnit center;
    private final Map<String, StatefulRedisConnection<String, String>> redis = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xffffffffL);

    @Test
    void lagAndThroughput(UnitSandbox sandbox) throws Exception {
        center = sandbox.center();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, state VARCHAR(16))");
        }
        Map<String, String> redisByUnit = new LinkedHashMap<>();
        List<RedisClient> clients = new ArrayList<>();
        for (SandboxUnit u : sandbox.units()) {
            redisByUnit.put(u.code(), u.redisUri());
            RedisClient client = RedisClient.create(u.redisUri());
            clients.add(client);
            redis.put(u.code(), client.connect());
        }
        // alternating: U B | B U at the paced rates, then U B unpaced; one consumer connected at a time
        Map<String, LagResult> lag = new LinkedHashMap<>();
        List<ThroughputResult> throughput = new ArrayList<>();
        try {
            for (int i = 0; i < PACED_ROWS_PER_SECOND.length; i++) {
                int rate = PACED_ROWS_PER_SECOND[i];
                for (String side : i % 2 == 0 ? List.of(UNITIZE, BASELINE) : List.of(BASELINE, UNITIZE)) {
                    try (Consumer consumer = consumer(side, redisByUnit)) {
                        lag.put(side + "@" + rate, lagPhase(consumer, rate));
                    }
                }
            }
            for (String side : List.of(UNITIZE, BASELINE)) {
                try (Consumer consumer = consumer(side, redisByUnit)) {
                    throughput.add(throughputPhase(consumer));
                }
            }
        } finally {
            redis.values().forEach(StatefulRedisConnection::close);
            clients.forEach(RedisClient::shutdown);
        }
        String md = report(lag, throughput);
        Path out = Path.of("bench", "results", "lag.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    // ---------------------------------------------------------------- the two consumers

    /** A consumer of the center's Canal destination that deletes the changed rows' keys in both Redis. */
    private interface Consumer extends AutoCloseable {
        String side();

        /** Row changes acknowledged to Canal so far. */
        long changesAcked();

        @Override
        void close() throws Exception;
    }

    private Consumer consumer(String side, Map<String, String> redisByUnit) throws Exception {
        CanalBinlogSource source = new CanalBinlogSource(new InetSocketAddress("127.0.0.1", center.canalPort()), center.canalDestination(),
                DB + "\\..*");
        Consumer c = side.equals(UNITIZE) ? new UnitizeConsumer(source, redisByUnit) : new RawCanalConsumer(source, redisByUnit);
        try {
            awaitCaughtUp(c);
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** BinlogInvalidator + InvalidationPlanner + PlanExecutor + LettuceKeyDeleter, as a unit runs them. */
    private final class UnitizeConsumer implements Consumer {
        private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        private final LettuceKeyDeleter deleter;
        private final BinlogInvalidator inv;

        UnitizeConsumer(CanalBinlogSource source, Map<String, String> redisByUnit) {
            deleter = new LettuceKeyDeleter(redisByUnit, Duration.ofSeconds(2));
            InvalidationPlanner planner = new InvalidationPlanner("center", center.dbServerId(), List.copyOf(redisByUnit.keySet()),
                    List.of(new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}")), Scope.ALL_UNITS, null)));
            PlanExecutor executor = new PlanExecutor(deleter, Duration.ofMillis(50), Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()),
                    System::currentTimeMillis);
            inv = new BinlogInvalidator(source, planner, executor, later).start("center");
        }

        @Override
        public String side() {
            return UNITIZE;
        }

        @Override
        public long changesAcked() {
            return inv.changesSeen();
        }

        @Override
        public void close() throws Exception {
            inv.close();
            later.shutdownNow();
            deleter.close();
        }
    }

    /**
     * The baseline: next batch (the same 1,000 entries / 20 ms as the invalidator) -> for each row
     * change the key {@code order:{buyer_id}:{id}} -> one DEL per Redis (one after the other, on its
     * own Lettuce connection) -> ack. No planner, no executor, no retries: a failure ends the loop,
     * and the benchmark fails with it.
     */
    private static final class RawCanalConsumer implements Consumer {
        private final CanalBinlogSource source;
        private final List<RedisClient> clients = new ArrayList<>();
        private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        private final AtomicLong acked = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;
        private final Thread thread;

        RawCanalConsumer(CanalBinlogSource source, Map<String, String> redisByUnit) {
            this.source = source;
            for (String uri : redisByUnit.values()) {
                RedisClient client = RedisClient.create(uri);
                clients.add(client);
                connections.add(client.connect());
            }
            source.connect();
            thread = new Thread(this::run, "raw-canal-consumer");
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    CanalBinlogSource.Batch batch = source.next(1000, 20);
                    if (batch.id() == -1) {
                        continue;
                    }
                    List<String> keys = new ArrayList<>(batch.changes().size());
                    for (RowChange rc : batch.changes()) {
                        Map<String, String> row = rc.after().isEmpty() ? rc.before() : rc.after();
                        keys.add("order:" + row.get("buyer_id") + ":" + row.get("id"));
                    }
                    if (!keys.isEmpty()) {
                        String[] k = keys.toArray(String[]::new);
                        for (StatefulRedisConnection<String, String> c : connections) {
                            c.sync().del(k);
                        }
                    }
                    source.ack(batch.id());
                    acked.addAndGet(batch.changes().size());
                }
            } catch (Exception e) {
                if (running) {
                    failure.set(e);
                }
            }
        }

        @Override
        public String side() {
            return BASELINE;
        }

        @Override
        public long changesAcked() {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the baseline's Canal loop failed", e);
            }
            return acked.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
            source.close();
            connections.forEach(StatefulRedisConnection::close);
            clients.forEach(RedisClient::shutdown);
        }
    }

    // ---------------------------------------------------------------- phases

    private record LagResult(int rate, long rowsWritten, double seconds, long[] lagsMicros, List<Long> inOrder) {
    }

    private record ThroughputResult(String side, long rowsWritten, double writeSeconds, double untilGoneSeconds, long acked) {
    }

    /** Writes a sentinel row and waits until its key is gone from both Redis: everything before it in the binlog is processed. */
    private void awaitCaughtUp(Consumer c) throws Exception {
        try (Connection conn = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword());
             Statement s = conn.createStatement()) {
            probe(s, c, Duration.ofSeconds(120));
        }
    }

    /** Sets the probe's key in both Redis, inserts its row, waits until the key is gone from both; the lag in microseconds. */
    private long probe(Statement s, Consumer c, Duration timeout) throws Exception {
        long id = -ids.incrementAndGet();
        String key = "order:42:" + id;
        redis.values().forEach(r -> r.sync().set(key, "cached"));
        s.execute("INSERT INTO orders VALUES (" + id + ", 42, 'PROBE')");
        long committed = System.nanoTime();
        while (redis.values().stream().anyMatch(r -> r.sync().exists(key) == 1)) {
            c.changesAcked(); // the baseline's loop failing ends the wait
            Thread.sleep(1);
            if (System.nanoTime() - committed > timeout.toNanos()) {
                throw new AssertionError(c.side() + ": probe " + key + " not invalidated within " + timeout.toSeconds() + " s");
            }
        }
        return (System.nanoTime() - committed) / 1_000;
    }

    private LagResult lagPhase(Consumer c, int rate) throws Exception {
        Load load = new Load(rate);
        List<Long> lags = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword());
             Statement s = conn.createStatement()) {
            Thread.sleep(SETTLE.toMillis()); // the load runs before the first probe
            long end = System.nanoTime() + RUN.toNanos();
            while (System.nanoTime() < end) {
                lags.add(probe(s, c, Duration.ofSeconds(30)));
                Thread.sleep(50);
            }
        } finally {
            load.stop();
        }
        awaitCaughtUp(c);
        return new LagResult(rate, load.written(), load.seconds(), lags.stream().mapToLong(Long::longValue).sorted().toArray(), lags);
    }

    private ThroughputResult throughputPhase(Consumer c) throws Exception {
        long ackedBefore = c.changesAcked();
        long t0 = System.nanoTime();
        Load load = new Load(0);
        Thread.sleep(UNPACED.toMillis());
        load.stop();
        awaitCaughtUp(c); // the sentinel is the last row: its key gone, every row written before it is processed
        double untilGone = (System.nanoTime() - t0) / 1e9;
        return new ThroughputResult(c.side(), load.written(), load.seconds(), untilGone, c.changesAcked() - ackedBefore);
    }

    /** Two writer threads inserting 100-row statements, paced to {@code rowsPerSecond} (0: as fast as they go). */
    private final class Load {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong written = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final List<Thread> writers = new ArrayList<>();
        private final long t0 = System.nanoTime();
        private volatile long t1;

        Load(int rowsPerSecond) {
            for (int t = 0; t < 2; t++) {
                Thread th = new Thread(() -> write(rowsPerSecond), "writer-" + t);
                th.setDaemon(true);
                writers.add(th);
                th.start();
            }
        }

        private void write(int rowsPerSecond) {
            long interval = rowsPerSecond == 0 ? 0 : 1_000_000_000L * 100 * 2 / rowsPerSecond; // per thread
            long next = System.nanoTime();
            try (Connection c = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword());
                 Statement s = c.createStatement()) {
                while (!stop.get()) {
                    if (interval > 0) {
                        next += interval;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    StringBuilder sql = new StringBuilder("INSERT INTO orders VALUES ");
                    for (int i = 0; i < 100; i++) {
                        long id = ids.incrementAndGet();
                        sql.append(i == 0 ? "" : ",").append('(').append(id).append(',').append(5000 + id % 5000).append(",'NEW')");
                    }
                    s.execute(sql.toString());
                    written.addAndGet(100);
                }
            } catch (SQLException e) {
                failure.set(e);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread th : writers) {
                th.join();
            }
            t1 = System.nanoTime();
            if (failure.get() != null) {
                throw new IllegalStateException("a writer failed", failure.get());
            }
        }

        long written() {
            return written.get();
        }

        double seconds() {
            return (t1 - t0) / 1e9;
        }
    }

    // ---------------------------------------------------------------- the results file

    private static String report(Map<String, LagResult> lag, List<ThroughputResult> throughput) {
        StringBuilder md = new StringBuilder("# Invalidation lag and throughput, with a baseline\n\n- date: ").append(Instant.now())
                .append("\n- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ").append(System.getProperty("java.version"))
                .append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("; MariaDB x2, Canal x2, Redis x2 (sandbox) and the test share the cores; load average at the end (1/5/15 min): ")
                .append(io.unitize.sandbox.BenchFacts.loadAverage()).append('\n')
                .append("- command: `./mvnw -B -o -pl cache-invalidator -am verify -Dtest=NoSuchTest -Dit.test=InvalidationLagBenchmarkIT ")
                .append("-Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false`\n")
                .append("- sides, one at a time on the same Canal destination of the center (one is stopped before the other starts; each resumes")
                .append(" from the last ack and catches up, a sentinel row's key gone, before it is measured):\n")
                .append("  - **Unitize**: BinlogInvalidator (several unacknowledged batches) + InvalidationPlanner + PlanExecutor + LettuceKeyDeleter\n")
                .append("  - **baseline**: a raw Canal client loop on CanalBinlogSource: next(1,000 entries, 20 ms, as the invalidator) -> key ")
                .append("`order:{buyer_id}:{id}` per row change -> DEL in unit-a's then unit-b's Redis (Lettuce, sync) -> ack; no planner, no executor\n")
                .append("- order: ").append(String.join(", ", lag.keySet())).append(", then unpaced ")
                .append(throughput.stream().map(ThroughputResult::side).collect(Collectors.joining(", "))).append('\n')
                .append("- lag phase (").append(SETTLE.toSeconds()).append(" s settling + ").append(RUN.toSeconds())
                .append(" s probing per side and rate): 2 writer threads insert 100-row statements into the center's `orders` (ALL_UNITS, ")
                .append("key `order:{buyer_id}:{id}`) paced at the rate; meanwhile a probe every ~50 ms: set its key in both Redis, insert its row, ")
                .append("poll both Redis (1 ms) until the key is gone (lag = commit returned -> gone in both units)\n")
                .append("- throughput phase (").append(UNPACED.toSeconds()).append(" s per side): the same writers unpaced; then a sentinel row; ")
                .append("row changes/s = rows written / (start -> the sentinel's key gone from both Redis)\n\n");
        md.append("## Lag\n\n| paced rate | side | rows written (rows/s) | probes | lag p50 | lag p99 | lag max | p99 < 500 ms |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, LagResult> e : lag.entrySet()) {
            LagResult r = e.getValue();
            String side = e.getKey().substring(0, e.getKey().indexOf('@'));
            long p99 = pct(r.lagsMicros(), 99);
            md.append(String.format("| %,d rows/s | %s | %,d (%,.0f rows/s) | %d | %.1f ms | %.1f ms | %.1f ms | %s |%n", r.rate(), side,
                    r.rowsWritten(), r.rowsWritten() / r.seconds(), r.lagsMicros().length, pct(r.lagsMicros(), 50) / 1000.0, p99 / 1000.0,
                    r.lagsMicros()[r.lagsMicros().length - 1] / 1000.0, p99 < LAG_TARGET_MICROS ? "met" : "**missed**"));
        }
        md.append("\n## Throughput (unpaced)\n\n| side | rows written (rows/s written) | start -> last key gone | row changes/s processed ")
                .append("| row changes acknowledged (incl. the sentinel) | >= 5,000 row changes/s |\n|---|---|---|---|---|---|\n");
        for (ThroughputResult t : throughput) {
            double perSecond = t.rowsWritten() / t.untilGoneSeconds();
            md.append(String.format("| %s | %,d (%,.0f rows/s) | %.2f s | %,.0f | %,d | %s |%n", t.side(), t.rowsWritten(),
                    t.rowsWritten() / t.writeSeconds(), t.untilGoneSeconds(), perSecond, t.acked(),
                    perSecond >= THROUGHPUT_TARGET ? "met" : "**missed**"));
        }
        md.append("\nTargets (Unitize side): lag p99 < 500 ms at each rate; >= 5,000 row changes/s.\n\n## Raw lags (ms, in probe order)\n\n");
        for (Map.Entry<String, LagResult> e : lag.entrySet()) {
            md.append("- ").append(e.getKey()).append(" rows/s: ")
                    .append(e.getValue().inOrder().stream().map(l -> String.format("%.1f", l / 1000.0)).collect(Collectors.joining(" "))).append('\n');
        }
        return md.toString();
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
    }
}
