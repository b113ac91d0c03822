package io.unitize.drill.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.drill.Checker;
import io.unitize.drill.FreezeBound;
import io.unitize.drill.OpenLoopLoad;
import io.unitize.drill.PlacedOrder;
import io.unitize.drill.RulesTimeline;
import io.unitize.drill.Sample;
import io.unitize.drill.ScenarioResult;
import io.unitize.drill.UnitEndpoint;
import io.unitize.drill.Verdict;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs one scenario: open-loop load, the scenario's actions (cutovers, faults), then the checker. */
final class Drill {

    static final String A_TO_B = plan("MOVE_SLOTS", "\"from\":2000,\"to\":2999,\"toUnit\":\"unit-b\"", "drill: 2000-2999 center->unit-b");
    static final String B_TO_A = plan("MOVE_SLOTS", "\"from\":2000,\"to\":2999,\"toUnit\":\"center\"", "drill: 2000-2999 unit-b->center");
    /** Both directions at once: 3000-3999 center->unit-b and 7000-7999 unit-b->center. */
    static final String BOTH_WAYS = plan("TARGET_ROUTES", "\"routes\":[" + route(0, 2999, "center") + "," + route(3000, 3999, "unit-b") + ","
            + route(4000, 4999, "center") + "," + route(5000, 6999, "unit-b") + "," + route(7000, 7999, "center") + ","
            + route(8000, 9999, "unit-b") + "]", "drill: 3000-3999 to unit-b and 7000-7999 to center");
    static final String BACK = plan("TARGET_ROUTES", "\"routes\":[" + route(0, 4999, "center") + "," + route(5000, 9999, "unit-b") + "]",
            "drill: the first routes again");

    static String plan(String type, String fields, String reason) {
        return "{\"type\":\"" + type + "\"," + fields + ",\"reason\":\"" + reason + "\"}";
    }

    static String route(int from, int to, String unit) {
        return "{\"from\":" + from + ",\"to\":" + to + ",\"unit\":\"" + unit + "\"}";
    }

    /** Buyers of both units: stable in each unit, and of every range a drill cutover moves. */
    static List<Long> buyers(int perRange, long base) {
        List<Long> b = new ArrayList<>();
        for (int slot : new int[]{1000, 6000, 2000, 3000, 7000}) {
            for (int i = 0; i < perRange; i++) {
                b.add(base + slot + i);
            }
        }
        return b;
    }

    interface Actions {
        void run(Drill d) throws Exception;
    }

    /** What a freeze's end may take after the control center decided it: the rollback's (freeze-ack-timeout) acknowledgements. */
    static final Duration ACKS = Duration.ofSeconds(8);

    final DrillEnvironment env;
    final String name;
    final List<JsonNode> cutovers = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    boolean faultVerdict = true;
    /** What the last {@link #run} gave the checker (the checker's self-test checks it again after tampering). */
    Checker.Run lastRun;
    /** Stock held for no order before the last {@link #run} (an earlier scenario's finding, not reported again). */
    Set<Long> orphansAtStart = Set.of();
    /** Set by an emergency-failover scenario: the unit lost and when. */
    String lostUnit;
    long lostAt = Long.MAX_VALUE;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Long, Long> probeCancels = new HashMap<>();
    private final Map<Long, PlacedOrder> probePlaced = new HashMap<>();

    Drill(DrillEnvironment env, String name) {
        this.env = env;
        this.name = name;
    }

    /** Runs the load at {@code rate} for the buyers around the actions (with a few seconds before and after), then checks. */
    ScenarioResult run(String fault, double rate, List<Long> buyers, List<UnitEndpoint> checked, List<String> gateways, Actions actions)
            throws Exception {
        Checker checker = new Checker(checked, env.endpoints(), Duration.ofSeconds(90)); // every unit's server id, also a lost one's
        if (env.readiness != null && !env.readinessReported) {
            env.readinessReported = true;
            notes.add("readiness check before the first load (the warm-up, not counted): " + env.readiness);
        }
        String quiet = checker.awaitQuiet(Duration.ofSeconds(60));
        if (quiet != null) {
            notes.add("before the load: " + quiet);
        }
        // the totals and the orders whose events are not applied yet, in one snapshot: their late events are not this scenario's
        Checker.SalesBaseline sales = checker.salesBaseline();
        checker.baselineBuyerStats(new LinkedHashSet<>(buyers));
        orphansAtStart = checker.orphanReservations();
        checker.ignoreOrphans(orphansAtStart);
        Instant start = Instant.now();
        OpenLoopLoad load = new OpenLoopLoad(gateways, buyers, rate, name.hashCode());
        load.start();
        try {
            Thread.sleep(3_000);
            actions.run(this);
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            // the drill reports even when a scenario breaks: the checker still runs on what happened until then
            aborted("the scenario's actions", e);
        } finally {
            load.stop();
        }
        long ended = System.currentTimeMillis();
        long lag = -1;
        try {
            lag = measureInvalidationLag(load, gateways, checked);
        } catch (Exception e) {
            aborted("measuring the invalidation lag", e);
        }
        Map<Long, PlacedOrder> placed = new HashMap<>(load.placed());
        placed.putAll(probePlaced);
        Map<Long, Long> cancels = new HashMap<>(load.cancelAcknowledgedAt());
        cancels.putAll(probeCancels);
        Checker.Run run = new Checker.Run(start, new LinkedHashSet<>(buyers), load.samples(), placed, cancels, cutovers, lag, sales.totals(),
                sales.pending(), lostUnit, lostAt);
        lastRun = run;
        List<Verdict> verdicts = List.of();
        try {
            verdicts = checker.check(run, RulesTimeline.fetch(env.api));
        } catch (Exception e) {
            aborted("the checker", e);
        }
        if (lostUnit != null) {
            List<String> w = checker.dataWindow().stream().map(p -> p.id() + " (buyer " + p.buyer() + ", acknowledged "
                    + Instant.ofEpochMilli(p.acknowledgedAt()) + ")").toList();
            notes.add("data window of the failover (acknowledged by " + lostUnit + " before its loss at " + Instant.ofEpochMilli(lostAt)
                    + ", not in the surviving unit; accepted with acceptDataLoss): " + w.size() + " orders" + (w.isEmpty() ? "" : ": " + w));
        }
        notes.add("invalidation lag measured (cancel acknowledged -> key gone from every unit's Redis): " + lag + " ms");
        return new ScenarioResult(name, fault, rate, start.toEpochMilli(), ended, load.samples(), List.copyOf(cutovers), verdicts,
                List.copyOf(notes), faultVerdict);
    }

    /** Starts a cutover and waits for its end; keeps its final state for the report. */
    JsonNode cutover(String plan) throws Exception {
        String id = env.api.startCutover(plan);
        JsonNode end = env.api.awaitFinished(id, Duration.ofSeconds(120));
        cutovers.add(end);
        return end;
    }

    /**
     * Starts a cutover and SIGKILLs the control center (from outside) as soon as the API shows it
     * at {@code step} (FREEZE: right after the 202), starts it again on the same store, waits for the end.
     */
    JsonNode cutoverKilledAt(String plan, String step) throws Exception {
        String id = env.api.startCutover(plan);
        String seen = "FREEZE";
        if (!step.equals("FREEZE")) {
            List<String> order = List.of("FREEZE", "CONFIRM_FREEZE", "MARK", "CONFIRM_SYNC", "SWITCH", "REPLAY");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode c = env.api.cutover(id);
                seen = c.path("step").asText();
                if (!c.path("status").asText().equals("RUNNING") || order.indexOf(seen) >= order.indexOf(step)) {
                    if (!c.path("status").asText().equals("RUNNING")) {
                        seen = "after the end (" + c.path("status").asText() + ")";
                    }
                    break;
                }
                Thread.sleep(10);
            }
        }
        long killedAt = System.currentTimeMillis();
        int code = env.cc.sigkill();
        env.restartControlCenter();
        long back = System.currentTimeMillis();
        JsonNode end = env.api.awaitFinished(id, Duration.ofSeconds(150));
        cutovers.add(end);
        // killed right after publishing the freeze, the control center records freezePublishedAt only when it publishes it again
        // after the restart: the freeze began when its version was stored
        long publishedAt = Checker.freezeStartOf(end, RulesTimeline.fetch(env.api));
        long frozen = Checker.millisOf(end, "finishedAt") - publishedAt;
        boolean ended = end.path("status").asText().equals("DONE") || end.path("status").asText().equals("ROLLED_BACK");
        boolean bounded = frozen <= FreezeBound.maxFrozenMillis(publishedAt, back, DrillEnvironment.FREEZE_TIMEOUT, ACKS);
        boolean lifted = env.api.send("GET", "/api/v1/rules", null).json().path("freezes").isEmpty();
        faultVerdict &= ended && bounded && lifted;
        notes.add("SIGKILL (exit " + code + ") aimed at " + step + ", the API showed " + seen + "; down " + (back - killedAt)
                + " ms; the cutover ended " + end.path("status").asText() + ", frozen " + frozen + " ms, of it "
                + Math.max(0, Checker.millisOf(end, "finishedAt") - back) + " ms after the restart ("
                + FreezeBound.describe(publishedAt, back, DrillEnvironment.FREEZE_TIMEOUT, ACKS) + "): "
                + (ended && bounded && lifted ? "ok" : "NOT OK") + (lifted ? "" : ", a freeze is still in force"));
        return end;
    }

    /** Records that a part of the scenario threw: the fault verdict fails, the note says what and where. */
    void aborted(String where, Throwable e) {
        faultVerdict = false;
        StackTraceElement at = java.util.Arrays.stream(e.getStackTrace()).filter(f -> f.getClassName().startsWith("io.unitize.drill"))
                .findFirst().orElse(null);
        notes.add(where + " ended with " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (at == null ? "" : " (at " + at.getFileName() + ":" + at.getLineNumber() + ")") + ": NOT OK");
    }

    void expect(boolean ok, String what) {
        faultVerdict &= ok;
        notes.add(what + ": " + (ok ? "ok" : "NOT OK"));
    }

    /**
     * The invalidation lag, measured: a few acknowledged orders are read through a gateway (cached
     * in the home unit's Redis), cancelled, and every unit's Redis is watched until the key is gone.
     */
    long measureInvalidationLag(OpenLoopLoad load, List<String> gateways, List<UnitEndpoint> units) throws Exception {
        long max = 0;
        int probes = 0;
        List<RedisClient> clients = new ArrayList<>();
        List<StatefulRedisConnection<String, String>> redis = new ArrayList<>();
        try {
            for (UnitEndpoint u : units) {
                RedisClient c = RedisClient.create(u.redisUri());
                clients.add(c);
                redis.add(c.connect());
            }
            for (PlacedOrder p : load.placed().values()) {
                if (probes >= 3 || load.cancelAcknowledgedAt().containsKey(p.id())) {
                    continue;
                }
                String gw = gateways.get(probes % gateways.size());
                HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(gw + "/api/orders/" + p.id())).GET(), p.buyer());
                if (read.statusCode() != 200) {
                    continue;
                }
                HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(gw + "/api/orders/" + p.id() + "/cancel"))
                        .POST(HttpRequest.BodyPublishers.noBody()), p.buyer());
                long acked = System.currentTimeMillis();
                if (cancel.statusCode() != 200) {
                    continue;
                }
                probes++;
                probeCancels.put(p.id(), acked);
                String key = "order:" + p.buyer() + ":" + p.id();
                long deadline = acked + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    boolean stale = false;
                    for (StatefulRedisConnection<String, String> r : redis) {
                        String v = r.sync().get(key);
                        stale |= v != null && !v.contains("\"CANCELLED\"");
                    }
                    if (!stale) {
                        break;
                    }
                    Thread.sleep(5);
                }
                max = Math.max(max, System.currentTimeMillis() - acked);
            }
        } finally {
            redis.forEach(StatefulRedisConnection::close);
            clients.forEach(RedisClient::shutdown);
        }
        return max;
    }

    HttpResponse<String> send(HttpRequest.Builder b, long buyer) throws Exception {
        return http.send(b.header("X-Buyer-Id", Long.toString(buyer)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Set<String> kinds(List<Sample> samples) {
        Set<String> k = new LinkedHashSet<>();
        samples.forEach(s -> k.add(Checker.kind(s)));
        return k;
    }
}
