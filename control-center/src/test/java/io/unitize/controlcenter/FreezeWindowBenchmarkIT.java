package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.unitize.controlcenter.ControlCenterFixture.await;

/**
 * Load driver for the freeze window (DESIGN.md: p50 < 1.5 s, p99 < 3 s on the local sandbox,
 * every step confirmed, under load). Not part of {@code verify}; run it with
 * <pre>./mvnw -pl control-center verify -Dit.test=FreezeWindowBenchmarkIT -Dunitize.bench=true [-Dunitize.bench.cutovers=30]</pre>
 * (Nacos' stock push delay: add {@code -Dunitize.sandbox.nacos.push-task-delay=500}, which only the Nacos servers get.)
 * It writes {@code control-center/bench/results/freeze-window.md}: our confirmed cutovers and, in
 * the same run on the same servers and agents, the baseline AppActive ships (publish the freeze,
 * sleep a fixed 3 s, publish the new routes, confirm nothing).
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class FreezeWindowBenchmarkIT {

    private static final int AGENTS_PER_UNIT = 4;

    @Test
    void freezeWindowUnderLoad(UnitSandbox sandbox) throws Exception {
        int cutovers = Integer.getInteger("unitize.bench.cutovers", 30);
        int baselineRuns = Integer.getInteger("unitize.bench.baseline", 10);
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "bench").start();
             ControlCenterFixture baselineNames = new ControlCenterFixture(sandbox, "bench-baseline")) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("benchmark"));
            List<Process> agents = new ArrayList<>();
            Load load = new Load(sandbox);
            try {
                for (String unit : List.of("center", "unit-b")) {
                    for (int i = 0; i < AGENTS_PER_UNIT; i++) {
                        agents.add(startAgent(sandbox, unit, cc.dataId() + ":" + cc.group(),
                                baselineNames.dataId() + ":" + baselineNames.group()));
                    }
                }
                CutoverIT.awaitAgents(cc, agents.size(), 1);
                AgentDirectoryView baselineDir = new AgentDirectoryView(sandbox, baselineNames.group());
                load.start();

                List<Long> windows = new ArrayList<>();
                Map<String, List<Long>> steps = new TreeMap<>();
                int rolledBack = 0;
                for (int i = 0; i < cutovers; i++) {
                    String to = i % 2 == 0 ? "unit-b" : "center";
                    JsonNode c = cc.runCutover("{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"" + to
                            + "\",\"reason\":\"benchmark " + i + "\"}");
                    if (!c.get("status").asText().equals("DONE")) {
                        rolledBack++;
                        continue;
                    }
                    windows.add(c.get("freezeWindowMillis").asLong());
                    for (JsonNode s : c.get("steps")) {
                        steps.computeIfAbsent(s.get("step").asText(), k -> new ArrayList<>()).add(s.get("millis").asLong());
                    }
                }

                List<Long> baseline = new ArrayList<>();
                List<Integer> unconfirmed = new ArrayList<>();
                try (RulesPublisher publisher = RulesPublisher.builder().unit("center", sandbox.unit("center").nacosAddr())
                        .unit("unit-b", sandbox.unit("unit-b").nacosAddr()).dataId(baselineNames.dataId())
                        .group(baselineNames.group()).build()) {
                    UnitRules rules = UnitRules.fromJson(ControlCenterFixture.initialRules("baseline"));
                    publisher.publish(rules);
                    await(() -> baselineDir.behind(1), n -> n == 0, Duration.ofSeconds(30));
                    for (int i = 0; i < baselineRuns; i++) {
                        String to = i % 2 == 0 ? "unit-b" : "center";
                        long t0 = System.nanoTime();
                        UnitRules frozen = rules.toBuilder().version(rules.version() + 1).freeze(2000, 2999).build();
                        publisher.publish(frozen);
                        Thread.sleep(3000); // AppActive: "sleep 3 s", nothing confirmed
                        int behind = baselineDir.behind(frozen.version());
                        UnitRules switched = io.unitize.controlcenter.cutover.RulesEditsAccess.switchTo(frozen, 2000, 2999, to);
                        publisher.publish(switched);
                        baseline.add((System.nanoTime() - t0) / 1_000_000);
                        unconfirmed.add(behind);
                        rules = switched;
                    }
                }
                load.stop();
                write(sandbox, cutovers, rolledBack, windows, steps, baseline, unconfirmed, load);
            } finally {
                load.stop();
                for (Process p : agents) {
                    p.destroy();
                    p.waitFor();
                }
            }
        }
    }

    private static Process startAgent(UnitSandbox sandbox, String unit, String... channels) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BenchAgentMain.class.getName(), sandbox.unit(unit).nacosAddr(), unit));
        cmd.addAll(List.of(channels));
        Path log = Path.of("target", "bench-agent-" + unit + "-" + System.nanoTime() + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Counts the baseline's agents that have not applied a version (read from both units' Nacos). */
    static final class AgentDirectoryView {
        private final List<io.unitize.core.nacos.AgentDirectory> dirs = new ArrayList<>();

        AgentDirectoryView(UnitSandbox sandbox, String group) {
            for (SandboxUnit u : sandbox.units()) {
                dirs.add(io.unitize.core.nacos.AgentDirectory.connect(u.code(), u.nacosAddr(), null, group));
            }
        }

        int behind(long version) {
            int n = 0;
            for (var d : dirs) {
                n += (int) d.liveAgents().stream().filter(a -> a.appliedVersion() < version).count();
            }
            return n;
        }
    }

    private static void write(UnitSandbox sandbox, int cutovers, int rolledBack, List<Long> windows, Map<String, List<Long>> steps,
                              List<Long> baseline, List<Integer> unconfirmed, Load load) throws Exception {
        StringBuilder md = new StringBuilder("# Freeze window under load\n\n");
        md.append("- date: ").append(Instant.now()).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", JDK ").append(System.getProperty("java.version")).append('\n');
        String outName = System.getProperty("unitize.bench.out", "freeze-window.md");
        String tool = System.getenv("JAVA_TOOL_OPTIONS");
        md.append("- command: `").append(tool == null || tool.isBlank() ? "" : "JAVA_TOOL_OPTIONS='" + tool + "' ")
                .append("./mvnw -B -pl control-center -am verify -Dtest=NoSuchTest -Dit.test=FreezeWindowBenchmarkIT -Dunitize.bench=true")
                .append(outName.equals("freeze-window.md") ? "" : " -Dunitize.bench.out=" + outName)
                .append(System.getProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY) == null ? ""
                        : " -D" + UnitSandbox.NACOS_PUSH_TASK_DELAY + "=" + System.getProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY))
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false`\n");
        md.append("- acknowledgements: each agent's `ack.<agentId>` config item (group `UNITIZE_ACKS`), read by the control center through "
                + "config listeners; who is alive from the agents' ephemeral naming instances\n");
        md.append("- machine busy? load average at the end (1/5/15 min): ").append(io.unitize.sandbox.BenchFacts.loadAverage()).append('\n');
        String pushDelay = io.unitize.sandbox.BenchFacts.nacosSetting(sandbox, PUSH_DELAY, " ms");
        System.out.println("Nacos push delay (" + PUSH_DELAY + ", read from the running server): " + pushDelay);
        md.append("- servers: the sandbox (two units: Nacos 3.1, MariaDB 11.4 replicating both ways, RocketMQ 5.5), all on this machine\n");
        md.append("- Nacos push delay (`").append(PUSH_DELAY).append("`, read from the running server): ").append(pushDelay).append('\n');
        md.append("- agents: ").append(AGENTS_PER_UNIT).append(" agent processes per unit (`BenchAgentMain`: a real `RulesSubscriber` each, "
                + "as in production one per process); each cutover waits for all ").append(2 * AGENTS_PER_UNIT).append("\n");
        md.append("- load during the runs: ").append(load.describe()).append('\n');
        md.append("- freeze window = freeze publication started -> new routes applied by every live agent (as the API reports it)\n\n");
        md.append("| | runs | p50 ms | p90 ms | p99 ms | max ms | confirmed |\n|---|---|---|---|---|---|---|\n");
        md.append(row("Unitize cutover (every step confirmed)", windows, "all agents, marker replicated"));
        md.append(row("baseline: publish, sleep 3 s, publish (AppActive)", baseline,
                "none; agents not yet frozen when the switch went out: " + unconfirmed));
        md.append("\n").append(cutovers).append(" cutovers run, ").append(rolledBack).append(" rolled back. ")
                .append("With ").append(windows.size()).append(" samples p99 is the largest but one or the largest.\n\n");
        md.append("Per step (Unitize):\n\n| step | p50 ms | p90 ms | max ms |\n|---|---|---|---|\n");
        steps.forEach((s, v) -> md.append("| ").append(s).append(" | ").append(pct(v, 50)).append(" | ").append(pct(v, 90))
                .append(" | ").append(pct(v, 100)).append(" |\n"));
        Path out = Path.of("bench", "results", outName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    static final String PUSH_DELAY = "nacos.naming.push.pushTaskDelay";

    private static String row(String name, List<Long> v, String confirmed) {
        return "| " + name + " | " + v.size() + " | " + pct(v, 50) + " | " + pct(v, 90) + " | " + pct(v, 99) + " | "
                + pct(v, 100) + " | " + confirmed + " |\n";
    }

    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] s = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(idx, s.length - 1))];
    }

    /** Orders written in both units' databases (replicated both ways) and rule lookups, while the cutovers run. */
    static final class Load {
        private final UnitSandbox sandbox;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong rows = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private long startedAt;
        private long stoppedAt;

        Load(UnitSandbox sandbox) {
            this.sandbox = sandbox;
        }

        void start() throws Exception {
            for (SandboxUnit u : sandbox.units()) {
                try (Connection c = DriverManager.getConnection(u.jdbcUrl(""), u.dbUser(), u.dbPassword());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS bench_" + u.code().replace('-', '_'));
                    s.execute("CREATE TABLE IF NOT EXISTS bench_" + u.code().replace('-', '_')
                            + ".orders (id BIGINT PRIMARY KEY, buyer BIGINT, amount DECIMAL(12,2), note VARCHAR(200))");
                }
            }
            running.set(true);
            startedAt = System.nanoTime();
            for (SandboxUnit u : sandbox.units()) {
                Thread t = new Thread(() -> writeOrders(u), "bench-load-" + u.code());
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        private void writeOrders(SandboxUnit u) {
            String table = "bench_" + u.code().replace('-', '_') + ".orders";
            long base = (u.isCenter() ? 1L : 2L) << 40;
            try (Connection c = DriverManager.getConnection(u.jdbcUrl(""), u.dbUser(), u.dbPassword());
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
                long n = 0;
                while (running.get()) {
                    for (int i = 0; i < 20; i++) {
                        ps.setLong(1, base + n++);
                        ps.setLong(2, ThreadLocalRandom.current().nextLong(1_000_000));
                        ps.setBigDecimal(3, java.math.BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(100_000), 2));
                        ps.setString(4, "benchmark order");
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    rows.addAndGet(20);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException("load on unit " + u.code() + " failed", e);
            }
        }

        void stop() {
            if (running.getAndSet(false)) {
                stoppedAt = System.nanoTime();
                threads.forEach(t -> {
                    try {
                        t.join(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }

        String describe() {
            double s = (stoppedAt - startedAt) / 1e9;
            return String.format("%,d order rows inserted in %.0f s (%.0f rows/s, batches of 20 in both units' MariaDB, "
                    + "replicated both ways)", rows.get(), s, rows.get() / s);
        }
    }
}
