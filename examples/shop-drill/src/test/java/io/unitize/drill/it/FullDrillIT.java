package io.unitize.drill.it;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.drill.ScenarioResult;
import io.unitize.drill.UnitEndpoint;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The full drill (profile "drill" only): the shop under open-loop load, cutovers in both
 * directions repeated N times, then each fault as its own scenario with its own verdict. Writes
 * {@code results/drill-<variant>.md} and one SVG per scenario. Variant "stock": Nacos' stock push
 * delay, the cutover scenario only (for the freeze window beside the tuned one).
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
@ExtendWith(DrillExtension.class)
class FullDrillIT {

    @Test
    void drill(UnitSandbox sandbox) throws Exception {
        String variant = System.getProperty("drill.variant", "tuned");
        int repetitions = Integer.getInteger("drill.repetitions", 2);
        double asked = Double.parseDouble(System.getProperty("drill.rate", "0"));
        Path results = Path.of(System.getProperty("drill.results", "results"));
        Instant began = Instant.now();
        DrillEnvironment env = DrillEnvironment.shared(sandbox);
        StringBuilder md = new StringBuilder();
        double sustained = calibrate(env);
        double rate = asked > 0 ? asked : Math.max(5, Math.round(sustained * 0.6));
        String pushDelay = io.unitize.sandbox.BenchFacts.nacosSetting(sandbox, PUSH_DELAY, " ms");
        System.out.println("Nacos push delay (" + PUSH_DELAY + ", read from the running server): " + pushDelay);
        md.append("# Cutover drill — Nacos push delay: ").append(variant.equals("stock") ? "stock" : "sandbox-tuned")
                .append(" (").append(pushDelay).append(")\n\n");
        md.append("- date: ").append(began).append("; machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", JDK ")
                .append(System.getProperty("java.version")).append("; no other sandbox or benchmark running (compiles and unit tests may have)\n");
        md.append("- Nacos push delay (`").append(PUSH_DELAY).append("`, read from the running server): ").append(pushDelay).append('\n');
        md.append("- machine busy? load average at the start (1/5/15 min): ").append(loadAverage()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        md.append("- command: `").append(COMMAND).append("` (`-Ddrill.rate=R -Ddrill.repetitions=N` to change)\n");
        md.append(String.format(java.util.Locale.ROOT, "- sustained (measured first, same run): %.1f orders/s placed closed-loop by 6 clients through both gateways; drill load %.0f requests/s open loop (60 %%)%n",
                sustained, rate));
        md.append("- control center bounds: ").append(DrillEnvironment.CUTOVER_BOUNDS).append(", freeze-timeout ")
                .append(DrillEnvironment.FREEZE_TIMEOUT.toSeconds()).append(" s; its own process, embedded durable store\n\n");
        List<Long> buyers = Drill.buyers(10, 20_000);
        List<ScenarioResult> all = new ArrayList<>();

        all.add(record(results, variant, md, "cutovers", "cutovers", () -> new Drill(env, "cutovers").run(null, rate, buyers, env.endpoints(), env.gateways(), d -> {
            for (int i = 0; i < repetitions; i++) {
                for (String plan : List.of(Drill.A_TO_B, Drill.B_TO_A, Drill.BOTH_WAYS, Drill.BACK)) {
                    d.expect(d.cutover(plan).path("status").asText().equals("DONE"), "cutover " + (i + 1) + " " + plan + " DONE");
                }
            }
        })));
        if (!variant.equals("stock")) {
            all.add(record(results, variant, md, "sigkill", "control center SIGKILL at each step", () -> new Drill(env, "control center SIGKILL at each step").run(
                    "the control center's process SIGKILLed from outside while the API shows each step in turn, then restarted on the same store",
                    rate, buyers, env.endpoints(), env.gateways(), d -> {
                        int i = 0;
                        for (String step : List.of("FREEZE", "CONFIRM_FREEZE", "MARK", "CONFIRM_SYNC", "SWITCH", "REPLAY")) {
                            String plan = i++ % 2 == 0 ? Drill.A_TO_B : Drill.B_TO_A;
                            JsonNode end = d.cutoverKilledAt(plan, step);
                            if (end.path("status").asText().equals("ROLLED_BACK")) {
                                i++; // the routes did not change: the same plan again next
                            }
                        }
                        if (i % 2 == 1) {
                            d.cutover(Drill.B_TO_A); // back to the first routes
                        }
                    })));
            all.add(record(results, variant, md, "silent-agent", "agent never acknowledges", () -> new Drill(env, "agent never acknowledges").run(
                    "a live agent in unit-b that never applies a new version (an ephemeral Nacos instance stuck at the version in force)",
                    rate, buyers, env.endpoints(), env.gateways(), d -> {
                        String before = env.api.send("GET", "/api/v1/rules", null).json().path("routes").toString();
                        long inForce = env.api.send("GET", "/api/v1/rules", null).json().path("version").asLong();
                        NamingService naming = silentAgent(sandbox.unit("unit-b"), inForce);
                        try {
                            JsonNode end = d.cutover(Drill.A_TO_B);
                            String after = env.api.send("GET", "/api/v1/rules", null).json().path("routes").toString();
                            d.expect(end.path("status").asText().equals("ROLLED_BACK") && end.path("failure").asText().contains("CONFIRM_FREEZE"),
                                    "ROLLED_BACK at CONFIRM_FREEZE (" + end.path("failure").asText() + ")");
                            d.expect(before.equals(after), "routes unchanged");
                        } finally {
                            naming.shutDown();
                        }
                        Thread.sleep(2_000);
                        d.expect(d.cutover(Drill.A_TO_B).path("status").asText().equals("DONE"), "with the agent gone, the same cutover DONE");
                        d.cutover(Drill.B_TO_A);
                    })));
            all.add(record(results, variant, md, "replication", "replication paused during confirm-sync", () -> new Drill(env, "replication paused during confirm-sync").run(
                    "unit-b's replication from the center stopped (STOP SLAVE 'from_center') before a cutover center->unit-b; started again after",
                    rate, buyers, env.endpoints(), env.gateways(), d -> {
                        replication(sandbox.unit("unit-b"), "STOP SLAVE 'from_center'");
                        try {
                            JsonNode end = d.cutover(Drill.A_TO_B);
                            d.expect(end.path("status").asText().equals("ROLLED_BACK") && end.path("failure").asText().contains("CONFIRM_SYNC"),
                                    "bounded wait then ROLLED_BACK at CONFIRM_SYNC (" + end.path("failure").asText() + ")");
                        } finally {
                            replication(sandbox.unit("unit-b"), "START SLAVE 'from_center'");
                        }
                        d.expect(d.cutover(Drill.A_TO_B).path("status").asText().equals("DONE"), "replication resumed: the retried cutover DONE");
                        d.cutover(Drill.B_TO_A);
                    })));
            all.add(record(results, variant, md, "nacos", "unit-b Nacos down", () -> new Drill(env, "unit-b Nacos down").run(
                    "unit-b's Nacos stopped; a cutover attempted; Nacos started again",
                    rate, buyers, env.endpoints(), env.gateways(), d -> {
                        sandbox.stopServer("unit-b", ServerKind.NACOS);
                        String started = null;
                        try {
                            Thread.sleep(5_000);
                            var a = env.api.send("POST", "/api/v1/cutovers", Drill.A_TO_B);
                            if (a.status() == 202) {
                                started = a.json().path("id").asText();
                                // without unit-b's Nacos it cannot complete: it ends (ROLLED_BACK) or waits (its rollback
                                // needs unit-b's acknowledgements too); either is the expected refusal, DONE is not
                                JsonNode seen = awaitEndOrWait(env, started, Duration.ofSeconds(60));
                                d.expect(!seen.path("status").asText().equals("DONE"), "the cutover did not complete without unit-b's Nacos: "
                                        + seen.path("status").asText() + " at " + seen.path("step").asText() + " after up to 60 s ("
                                        + seen.path("failure").asText() + ")");
                            } else {
                                d.expect(true, "the cutover refused to start: " + a.status() + " " + a.body());
                            }
                        } finally {
                            sandbox.startServer("unit-b", ServerKind.NACOS);
                        }
                        if (started != null) {
                            JsonNode end = env.api.awaitFinished(started, Duration.ofSeconds(180));
                            d.cutovers.add(end);
                            d.expect(!end.path("status").asText().equals("DONE"), "Nacos back: the cutover begun without it ended "
                                    + end.path("status").asText() + " (" + end.path("failure").asText() + ")");
                        }
                        awaitAgentsCurrent(env);
                        d.expect(d.cutover(Drill.A_TO_B).path("status").asText().equals("DONE"), "Nacos back: the cutover DONE");
                        d.cutover(Drill.B_TO_A);
                    })));
            all.add(record(results, variant, md, "redis", "unit-b Redis down during a cutover", () -> new Drill(env, "unit-b Redis down during a cutover").run(
                    "unit-b's Redis stopped right after a cutover center->unit-b started; started again after it ended",
                    rate, buyers, env.endpoints(), env.gateways(), d -> {
                        String id = env.api.startCutover(Drill.A_TO_B);
                        sandbox.stopServer("unit-b", ServerKind.REDIS);
                        JsonNode end;
                        try {
                            end = env.api.awaitFinished(id, Duration.ofSeconds(120));
                            d.cutovers.add(end);
                        } finally {
                            sandbox.startServer("unit-b", ServerKind.REDIS);
                        }
                        d.expect(end.path("status").asText().equals("DONE"), "the cutover DONE without unit-b's Redis");
                        d.cutover(Drill.B_TO_A);
                    })));
            // last: it loses unit-b for good
            List<Long> loss = Drill.buyers(10, 40_000);
            all.add(record(results, variant, md, "unit-lost", "unit-b lost, emergency failover", () -> new Drill(env, "unit-b lost, emergency failover").run(
                    "unit-b's gateway, shop and every server (MariaDB, Nacos, Redis, RocketMQ, Canal) killed at once; FAILOVER_UNIT to the center with acceptDataLoss; load through the center's gateway only; checked in the center",
                    rate, loss, only(env.endpoints(), "center"), List.of(env.gateway("center")), d -> {
                        d.lostAt = System.currentTimeMillis();
                        d.lostUnit = "unit-b";
                        env.stopUnitServices("unit-b");
                        for (ServerKind k : List.of(ServerKind.MARIADB, ServerKind.NACOS, ServerKind.REDIS, ServerKind.ROCKETMQ, ServerKind.CANAL)) {
                            sandbox.killServer("unit-b", k);
                        }
                        Thread.sleep(2_000);
                        JsonNode end = d.cutover("{\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\",\"toUnit\":\"center\",\"acceptDataLoss\":true,"
                                + "\"reason\":\"drill: unit-b lost\"}");
                        d.expect(end.path("status").asText().equals("DONE") && end.path("dataLossAccepted").asBoolean(),
                                "FAILOVER_UNIT DONE with dataLossAccepted, skipped " + end.path("skippedUnits"));
                        long failedOver = System.currentTimeMillis();
                        Thread.sleep(5_000);
                        d.notes.add("unit-b lost at " + Instant.ofEpochMilli(d.lostAt) + ", failover done " + (failedOver - d.lostAt)
                                + " ms later; a unit-b buyer's 503 with Retry-After and a UNITIZE- code in between is the outage, allowed by "
                                + "invariant 6; any other error of theirs fails it");
                    })));
        }
        md.append("- load average at the end (1/5/15 min): ").append(loadAverage()).append("; the drill took ")
                .append(Duration.between(began, Instant.now()).toSeconds()).append(" s\n");
        Files.writeString(results.resolve("drill-" + variant + ".md"), md.toString());
        System.out.println(md);
        // the drill reports; it does not assert the verdicts (the report says which failed)
        all.removeIf(r -> r == SKIPPED);
        org.assertj.core.api.Assertions.assertThat(all).as(md.toString()).isNotEmpty().doesNotContainNull();
    }

    static final String PUSH_DELAY = "nacos.naming.push.pushTaskDelay";

    /**
     * Runs one scenario and appends its section to the report (written at once: progress, in case a
     * later scenario hangs). A scenario that throws is reported as such and the drill goes on: the
     * drill reports even when something breaks.
     */
    private static ScenarioResult record(Path results, String variant, StringBuilder md, String key, String name,
                                         Callable<ScenarioResult> scenario) throws Exception {
        if (!selected(key)) {
            return SKIPPED;
        }
        ScenarioResult r = null;
        try {
            r = scenario.call();
            md.append(Results.write(results, variant, r));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            md.append("### ").append(name).append(" — ERROR\n\nThe scenario did not complete: `").append(e)
                    .append("`\n\n```\n").append(trace.toString().lines().limit(12).collect(java.util.stream.Collectors.joining("\n")))
                    .append("\n```\n\n");
        }
        Files.createDirectories(results);
        Files.writeString(results.resolve("drill-" + variant + ".md"), md.toString());
        return r;
    }

    /** What {@link #record} returns for a scenario not in {@code -Ddrill.scenarios}. */
    private static final ScenarioResult SKIPPED = new ScenarioResult("skipped", null, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), true);

    /**
     * Whether the scenario is in {@code -Ddrill.scenarios} (comma-separated: cutovers, sigkill,
     * silent-agent, replication, nacos, redis, unit-lost; default all), to run again only some.
     */
    static boolean selected(String key) {
        String only = System.getProperty("drill.scenarios", "");
        return only.isBlank() || List.of(only.split("\\s*,\\s*")).contains(key);
    }

    /** The command that reproduces the report (the module's README). */
    static final String COMMAND = "./mvnw -B -pl examples/shop-drill -am verify -Pdrill "
            + "-Dtest=NoSuchTest -Dit.test=FullDrillIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false";

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Orders/s that 6 closed-loop clients get placed through both gateways for 10 s (the shop's sustained rate here). */
    static double calibrate(DrillEnvironment env) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        AtomicInteger ok = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int seed = t;
            Thread th = new Thread(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    long buyer = 30_000 + (seed % 2 == 0 ? 1_500 : 6_500) + i % 20;
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(env.gateways().get(i % 2) + "/api/orders"))
                                .header("X-Buyer-Id", Long.toString(buyer)).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":1,\"quantity\":1}]}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as not placed
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return ok.get() / 10.0;
    }

    static NamingService silentAgent(SandboxUnit unit, long version) throws Exception {
        Properties p = new Properties();
        p.setProperty("serverAddr", unit.nacosAddr());
        NamingService naming = NamingFactory.createNamingService(p);
        Instance i = new Instance();
        i.setIp("127.0.0.1");
        i.setPort(DrillEnvironment.freePort());
        i.setEphemeral(true);
        i.setClusterName(unit.code());
        i.setMetadata(Map.of("unitize.agentId", "drill-silent-" + i.getPort(), "unitize.kind", "drill-silent", "unitize.unit", unit.code(),
                "unitize.appliedVersion", Long.toString(version), "unitize.pid", Long.toString(ProcessHandle.current().pid()),
                "unitize.host", "drill"));
        naming.registerInstance("unitize-agents", "UNITIZE", i);
        return naming;
    }

    static void replication(SandboxUnit unit, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl(""), unit.dbUser(), unit.dbPassword()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The cutover's state once it ended, or after {@code max} if it is still running (it waits). */
    static JsonNode awaitEndOrWait(DrillEnvironment env, String id, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode c = env.api.cutover(id);
        while (System.nanoTime() < deadline && !c.path("status").asText().equals("DONE") && !c.path("status").asText().equals("ROLLED_BACK")) {
            Thread.sleep(500);
            c = env.api.cutover(id);
        }
        return c;
    }

    static void awaitAgentsCurrent(DrillEnvironment env) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode units = env.api.send("GET", "/api/v1/rules/units", null).json();
                long inForce = env.api.send("GET", "/api/v1/rules", null).json().path("version").asLong();
                boolean all = true;
                for (JsonNode u : units) {
                    all &= u.path("version").asLong() == inForce;
                }
                if (all) {
                    Thread.sleep(3_000); // the agents re-register with the restarted Nacos
                    return;
                }
            } catch (Exception notYet) {
                // restarting
            }
            Thread.sleep(500);
        }
    }

    static List<UnitEndpoint> only(List<UnitEndpoint> all, String code) {
        return all.stream().filter(u -> u.code().equals(code)).toList();
    }
}
