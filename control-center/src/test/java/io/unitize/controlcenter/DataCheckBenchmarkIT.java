package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.unitize.controlcenter.ControlCenterFixture.await;

/**
 * Load driver for the data check (issue 22): rows/s of a check over every slot of a table, and its
 * effect on a concurrent write load (inserts/s during the check vs the same load alone, in the same
 * run). Not part of {@code verify}; run it alone with
 * <pre>./mvnw -pl control-center -am verify -Dit.test=DataCheckBenchmarkIT -Dunitize.bench=true [-Dunitize.bench.rows=200000]</pre>
 * It writes {@code control-center/bench/results/data-check.md}.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB})
class DataCheckBenchmarkIT {

    private static final String SCHEMA = "bench_data_check";
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void dataCheckRowsPerSecondAndItsEffectOnWrites(UnitSandbox sandbox) throws Exception {
        int rows = Integer.getInteger("unitize.bench.rows", 200_000);
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        ControlCenterFixture.sql(center, "DROP DATABASE IF EXISTS " + SCHEMA);
        ControlCenterFixture.sql(center, "CREATE DATABASE " + SCHEMA);
        ControlCenterFixture.sql(center, "CREATE TABLE " + SCHEMA + ".orders (id BIGINT NOT NULL PRIMARY KEY, buyer_id BIGINT NOT NULL, "
                + "amount DECIMAL(12,2) NOT NULL, note VARCHAR(64), created_at BIGINT NOT NULL, KEY ix_buyer (buyer_id))");
        ControlCenterFixture.sql(center, "CREATE TABLE " + SCHEMA + ".load_orders LIKE " + SCHEMA + ".orders");
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(SCHEMA) + "?rewriteBatchedStatements=true", center.dbUser(),
                center.dbPassword());
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                ps.setLong(1, i);
                ps.setLong(2, 1_000_000_000L + (i * 7919L) % 1_000_000);
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i % 10_000, 2));
                ps.setString(4, "order " + i);
                ps.setLong(5, 1_700_000_000_000L + i);
                ps.addBatch();
                if (i % 2000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        await(() -> count(b), n -> n == rows, Duration.ofMinutes(5));

        List<String> lines = new ArrayList<>();
        try (Writers writers = new Writers(center)) {
            double alone1 = writers.rateOver(WINDOW);
            Run paced = check(sandbox, writers, "bench-paced", 20_000);
            Run unpaced = check(sandbox, writers, "bench-unpaced", 10_000_000);
            double alone2 = writers.rateOver(WINDOW);
            double alone = (alone1 + alone2) / 2;
            lines.add("| write load alone (before) | | | | " + Math.round(alone1) + " | |");
            lines.add(paced.line(alone));
            lines.add(unpaced.line(alone));
            lines.add("| write load alone (after) | | | | " + Math.round(alone2) + " | |");
        } finally {
            ControlCenterFixture.sql(center, "DROP DATABASE IF EXISTS " + SCHEMA);
        }
        String report = "# Data check: rows/s and effect on a concurrent write load\n\n"
                + "- date: " + Instant.now() + "\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version") + "\n"
                + "- command: `./mvnw -pl control-center -am verify -Dit.test=DataCheckBenchmarkIT "
                + "-Dunitize.bench=true` (both sandbox slots held; compiles of other engineers may have run at the same time)\n"
                + "- servers: the sandbox's two MariaDB 11.4 (one per unit, replicating both ways), on this machine; the control center in the test JVM\n"
                + "- table: `" + SCHEMA + ".orders`, " + rows + " rows (5 columns, primary key + buyer index), replicated to unit-b; "
                + "check = center vs unit-b over every slot (0-9999), batches of 1,000 rows, chunks of 100 slots, 3 rechecks 1 s apart\n"
                + "- write load: 2 threads inserting single-row transactions (autocommit) into `load_orders` in center's database "
                + "(replicated to unit-b) for the whole run: the same servers the check reads, not the checked table (a table written "
                + "faster than it replicates keeps differing while the check runs: see the README)\n"
                + "- rows/s = rows read per side / check duration; write ratio = inserts/s during the check / inserts/s alone (mean of "
                + "before and after, " + WINDOW.toSeconds() + " s each)\n\n"
                + "| run | rate limit rows/s | rows read per side | check s | inserts/s | write ratio |\n|---|---|---|---|---|---|\n"
                + String.join("\n", lines) + "\n";
        Path out = Path.of("bench/results/data-check.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static Run check(UnitSandbox sandbox, Writers writers, String name, int rate) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, name)
                .set("unitize.control-center.integrity.data-check.tables[0].name", SCHEMA + ".orders")
                .set("unitize.control-center.integrity.data-check.rows-per-second", String.valueOf(rate)).start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("benchmark"));
            long before = writers.inserted();
            long t0 = System.nanoTime();
            String id = cc.post("/api/v1/data-checks", "{\"sourceUnit\":\"center\",\"targetUnit\":\"unit-b\",\"ranges\":[{\"from\":0,\"to\":9999}]}")
                    .json().get("id").asText();
            JsonNode done = await(() -> cc.get("/api/v1/data-checks/" + id).json(), c -> !c.get("status").asText().equals("RUNNING"),
                    Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double inserts = (writers.inserted() - before) / seconds;
            if (!done.get("status").asText().equals("MATCH")) {
                throw new AssertionError("the benchmark's check did not match: " + done);
            }
            return new Run(name, rate, done.get("rowsRead").asLong(), done.get("rowsPerSecond").asLong(), seconds, inserts);
        }
    }

    private record Run(String name, int rate, long rowsRead, long rowsPerSecond, double seconds, double inserts) {
        String line(double alone) {
            return "| data check, " + (rate >= 1_000_000 ? "unpaced" : "paced") + " (" + rowsPerSecond + " rows/s) | " + rate + " | " + rowsRead
                    + " | " + String.format("%.1f", seconds) + " | " + Math.round(inserts) + " | " + String.format("%.2f", inserts / alone) + " |";
        }
    }

    private static long count(SandboxUnit unit) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + SCHEMA + "'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return -1;
            }
        }
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + SCHEMA + ".orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Two threads inserting rows into another table of center's database (replicated to unit-b) for as long as they run. */
    private static final class Writers implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong inserted = new AtomicLong();
        private final AtomicLong nextId = new AtomicLong(1_000_000_000L);
        private final List<Thread> threads = new ArrayList<>();

        Writers(SandboxUnit center) {
            for (int t = 0; t < 2; t++) {
                Thread th = new Thread(() -> {
                    try (Connection c = DriverManager.getConnection(center.jdbcUrl(SCHEMA), center.dbUser(), center.dbPassword());
                         PreparedStatement ps = c.prepareStatement("INSERT INTO load_orders VALUES (?, ?, 1.00, 'load', ?)")) {
                        while (running.get()) {
                            long id = nextId.incrementAndGet();
                            ps.setLong(1, id);
                            ps.setLong(2, 1_000_000_000L + id % 1_000_000);
                            ps.setLong(3, System.currentTimeMillis());
                            ps.executeUpdate();
                            inserted.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (running.get()) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, "bench-writer-" + t);
                th.setDaemon(true);
                th.start();
                threads.add(th);
            }
        }

        long inserted() {
            return inserted.get();
        }

        double rateOver(Duration d) throws InterruptedException {
            long before = inserted.get();
            long t0 = System.nanoTime();
            Thread.sleep(d.toMillis());
            return (inserted.get() - before) / ((System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
