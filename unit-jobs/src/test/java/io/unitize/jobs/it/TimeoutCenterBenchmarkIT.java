package io.unitize.jobs.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.RulesSnapshot;
import io.unitize.jobs.Rules;
import io.unitize.jobs.jdbc.JdbcTimeoutStore;
import io.unitize.jobs.timeout.FiredTimeout;
import io.unitize.jobs.timeout.TimeoutCallbacks;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutFirer;
import io.unitize.jobs.timeout.TimeoutTask;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load driver for the timeout center on the sandbox's MariaDB (the center unit's, replicating to
 * unit-b as always). Not part of {@code verify}; run it with
 * <pre>./mvnw -B -o verify -pl unit-jobs -am -Dtest=none -Dit.test=TimeoutCenterBenchmarkIT -Dunitize.bench=true
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 *   [-Dunitize.bench.seconds=20] [-Dunitize.bench.rates=200,500] [-Dunitize.bench.burst=5000]</pre>
 * For each rate, open loop (task i is registered at start + i / rate, whatever the previous ones
 * took; 8 registering threads), due 1-3 s after its registration time: first the timeout center
 * ({@link TimeoutCenter#register} and one {@link TimeoutFirer} with the default settings), then the
 * baseline {@link PlainTimeoutLoop} (insert a row, poll due rows, no ownership check, no per-row
 * claim) with the same due times, poll period and batch, each in a fresh database. Then a burst: the
 * same 8 threads register as fast as they can. Writes {@code bench/results/timeout-center.md}.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true",
        disabledReason = "a benchmark, not part of verify: run it with -Dunitize.bench=true")
@SandboxServers({ServerKind.MARIADB})
class TimeoutCenterBenchmarkIT {

    private static final int REGISTER_THREADS = 8;
    private static final TimeoutFirer.Settings FIRER = TimeoutFirer.Settings.defaults();
    private static final RulesSnapshot RULES = Rules.split(1);

    /** One side's way to register a task; fires are reported to the phase's recorder. */
    interface Side extends AutoCloseable {
        void register(long buyerId, String key, long dueAtMillis);
    }

    record Result(String side, String load, int tasks, double registeredPerSecond, long[] registerMillis, long[] latenessMillis,
                  long fired, long duplicates, long errors) {
    }

    /** Fires as both sides report them: lateness (fire time minus due time) and duplicates by key. */
    static final class Recorder {
        final ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
        final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        final LongAdder duplicates = new LongAdder();

        void fired(String key, long dueAtMillis) {
            lateness.add(System.currentTimeMillis() - dueAtMillis);
            if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                duplicates.increment();
            }
        }
    }

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final String id = Long.toHexString(System.nanoTime() & 0xffffffL);

    @Test
    void registrationRateAndFiringLateness(UnitSandbox sandbox) throws Exception {
        int seconds = Integer.getInteger("unitize.bench.seconds", 20);
        int burst = Integer.getInteger("unitize.bench.burst", 5000);
        List<Integer> rates = Arrays.stream(System.getProperty("unitize.bench.rates", "200,500").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        String machineBefore = machine();
        Instant started = Instant.now();
        List<Result> results = new ArrayList<>();
        try {
            for (int rate : rates) {
                results.add(phase(sandbox, "timeout-center", rate, rate * seconds));
                results.add(phase(sandbox, "plain-jdbc", rate, rate * seconds));
            }
            results.add(phase(sandbox, "timeout-center", 0, burst));
            results.add(phase(sandbox, "plain-jdbc", 0, burst));
        } finally {
            pools.forEach(HikariDataSource::close);
        }
        String md = report(started, machineBefore, machine(), seconds, burst, results);
        Path out = Path.of("bench", "results", "timeout-center.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
        for (Result r : results) {
            assertThat(r.errors()).as("%s %s: registrations refused or failed", r.side(), r.load()).isZero();
            assertThat(r.fired()).as("%s %s: every task fired", r.side(), r.load()).isEqualTo(r.tasks());
            if (r.side().equals("timeout-center")) {
                assertThat(r.duplicates()).as("timeout center %s: each task fired once", r.load()).isZero();
            }
        }
    }

    private Result phase(UnitSandbox sandbox, String name, int rate, int tasks) throws Exception {
        SandboxUnit center = sandbox.center();
        String db = "bench_tc_" + id + "_" + name.replace('-', '_') + "_" + (rate == 0 ? "burst" : rate);
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        Recorder rec = new Recorder();
        try (Side side = name.equals("timeout-center") ? timeoutCenter(center, db, rec) : plain(center, db, rec)) {
            return drive(name, rate, tasks, side, rec);
        }
    }

    private Side timeoutCenter(SandboxUnit unit, String db, Recorder rec) {
        TimeoutCallbacks callbacks = TimeoutCallbacks.of("bench", (FiredTimeout f) -> rec.fired(f.task().key(), f.task().dueAt().toEpochMilli()));
        TimeoutCenter center = new TimeoutCenter("center", () -> RULES,
                new JdbcTimeoutStore(pool(unit, db, REGISTER_THREADS)).createTable(), callbacks);
        TimeoutFirer firer = new TimeoutFirer("center", "bench#1", () -> RULES, new JdbcTimeoutStore(pool(unit, db, FIRER.threads() + 1)),
                callbacks, FIRER).start();
        return new Side() {
            @Override
            public void register(long buyerId, String key, long dueAtMillis) {
                center.register(new TimeoutTask(buyerId, key, "bench", Instant.ofEpochMilli(dueAtMillis), "order-" + key));
            }

            @Override
            public void close() {
                firer.close();
            }
        };
    }

    private Side plain(SandboxUnit unit, String db, Recorder rec) throws Exception {
        PlainTimeoutLoop loop = new PlainTimeoutLoop(pool(unit, db, REGISTER_THREADS), pool(unit, db, 2), FIRER.pollEvery().toMillis(),
                FIRER.batch(), rec::fired);
        return new Side() {
            @Override
            public void register(long buyerId, String key, long dueAtMillis) {
                loop.register(buyerId, dueAtMillis, key);
            }

            @Override
            public void close() throws InterruptedException {
                loop.close();
            }
        };
    }

    private Result drive(String name, int rate, int tasks, Side side, Recorder rec) throws Exception {
        ExecutorService registering = Executors.newFixedThreadPool(REGISTER_THREADS);
        long[] registerNanos = new long[tasks];
        AtomicLong lastDone = new AtomicLong();
        LongAdder errors = new LongAdder();
        Random due = new Random(42); // the same due times for both sides
        long startNanos = System.nanoTime() + 100_000_000L;
        long startMillis = System.currentTimeMillis() + 100;
        for (int i = 0; i < tasks; i++) {
            long offsetNanos = rate == 0 ? 0 : (long) i * 1_000_000_000L / rate;
            long intended = startNanos + offsetNanos;
            if (rate > 0) {
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            int n = i;
            long buyer = (i % 5000) + 10_000L * (i / 5000); // slots 0-4999: homed in the center
            long dueAt = startMillis + offsetNanos / 1_000_000L + 1000 + due.nextInt(2001);
            registering.execute(() -> {
                long from = rate == 0 ? startNanos : intended;
                try {
                    side.register(buyer, "t-" + n, dueAt);
                } catch (RuntimeException e) {
                    errors.increment();
                }
                long done = System.nanoTime();
                registerNanos[n] = done - from;
                lastDone.accumulateAndGet(done, Math::max);
            });
        }
        registering.shutdown();
        assertThat(registering.awaitTermination(5, TimeUnit.MINUTES)).as("registrations finished").isTrue();
        long lastDue = startMillis + (rate == 0 ? 0 : (long) tasks * 1000L / rate) + 3000;
        long patience = Math.max(0, lastDue - System.currentTimeMillis()) + 60_000;
        SandboxUnits.await(Duration.ofMillis(patience), name + " fired every task", () -> rec.lateness.size() >= tasks - errors.sum());
        double perSecond = tasks / ((lastDone.get() - startNanos) / 1e9);
        long[] reg = Arrays.stream(registerNanos).map(v -> v / 1_000_000L).sorted().toArray();
        long[] late = rec.lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(name, rate == 0 ? "burst" : rate + "/s", tasks, perSecond, reg, late, late.length, rec.duplicates.sum(), errors.sum());
    }

    private HikariDataSource pool(SandboxUnit unit, String db, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(unit.jdbcUrl(db));
        hc.setUsername(unit.dbUser());
        hc.setPassword(unit.dbPassword());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        HikariDataSource ds = new HikariDataSource(hc);
        pools.add(ds);
        return ds;
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }

    private static String machine() {
        StringBuilder out = new StringBuilder();
        for (String cmd : List.of("nproc", "free -g", "uptime")) {
            out.append("$ ").append(cmd).append('\n');
            try {
                Process p = new ProcessBuilder(cmd.split(" ")).redirectErrorStream(true).start();
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                out.append("(").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    private static String report(Instant started, String before, String after, int seconds, int burst, List<Result> results) {
        StringBuilder md = new StringBuilder("# Timeout center: registration rate and firing lateness\n\n")
                .append("Run ").append(started).append(" to ").append(Instant.now()).append(", on the sandbox's MariaDB (center unit, ")
                .append("replicating to unit-b), Java ").append(Runtime.version()).append(".\n\n")
                .append("```\n./mvnw -B -o verify -pl unit-jobs -am -Dtest=none -Dit.test=TimeoutCenterBenchmarkIT -Dunitize.bench=true \\\n")
                .append("  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dunitize.bench.seconds=")
                .append(seconds).append(" -Dunitize.bench.burst=").append(burst).append("\n```\n\n")
                .append("Machine before the run:\n\n```\n").append(before).append("```\n\nAfter:\n\n```\n").append(after).append("```\n\n")
                .append("Each row: a fresh database; ").append(REGISTER_THREADS).append(" registering threads; open loop (task i at start + i/rate) ")
                .append("for ").append(seconds).append(" s, or a burst of ").append(burst).append(" tasks as fast as the threads go; ")
                .append("each task due 1-3 s (uniform, seeded: the same for both sides) after its registration time. ")
                .append("Register latency counts from the task's scheduled time (queueing included). Lateness = the time the callback ")
                .append("runs minus the due time. Both sides poll every ").append(FIRER.pollEvery().toMillis()).append(" ms, ")
                .append(FIRER.batch()).append(" rows per poll; the timeout center with its default settings (")
                .append(FIRER.threads()).append(" callback threads, one instance).\n\n")
                .append("| side | load | tasks | registered/s | register p50 / p99 / max ms | lateness p50 / p99 / max ms | fired | fired twice |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.side()).append(" | ").append(r.load()).append(" | ").append(r.tasks()).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.0f", r.registeredPerSecond())).append(" | ")
                    .append(pct(r.registerMillis(), 50)).append(" / ").append(pct(r.registerMillis(), 99)).append(" / ")
                    .append(pct(r.registerMillis(), 100)).append(" | ")
                    .append(pct(r.latenessMillis(), 50)).append(" / ").append(pct(r.latenessMillis(), 99)).append(" / ")
                    .append(pct(r.latenessMillis(), 100)).append(" | ").append(r.fired()).append(" | ")
                    .append(r.duplicates()).append(" |\n");
        }
        md.append("\nThe baseline (`plain-jdbc`, `PlainTimeoutLoop`) is what a team writes without a timeout center: INSERT a row; ")
                .append("one thread SELECTs due rows, marks the batch fired with one UPDATE, runs the callbacks. ")
                .append("It has no ownership check against the rules, no per-row claim (two instances would fire a task twice), ")
                .append("no idempotency key and no retry. The timeout center pays per task: register = rules check + INSERT IGNORE ")
                .append("(+ a SELECT when the key is already stored, for the idempotency check); fire = ownership check + claim UPDATE + SELECT (attempt) + ")
                .append("FIRED UPDATE, on its callback threads.\n");
        return md.toString();
    }
}
