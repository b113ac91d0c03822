package io.unitize.shop.it;

import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Orders/s the shop sustains through both gateways, open loop: requests are sent at a fixed rate
 * whatever the answers do, and each latency is counted from the moment the request was due (not
 * from when it was sent), so a slow server cannot slow the load down and hide its own queueing
 * (no coordinated omission). Buyers of both units enter through alternating gateways (half the
 * requests are forwarded once over the signed hop).
 * <p>
 * Baseline, in the same run, against the same gateways: the same request routed by the same
 * gateways to a constant echo backend ({@code /echo/**}). A rate ladder runs both sides at each
 * rate (alternating which goes first) until a side has not sustained two rates in a row; then steady rounds at
 * the shop's highest sustained rate, shop and echo alternating. Writes {@code bench/results/shop.md}.
 * Not a test of anything; gated:
 * Run it with nothing else on the machine:
 * <pre>./mvnw -B -pl examples/shop -am verify -Dtest=NoSuchTest -Dit.test=ShopLoadBenchmarkIT \
 *   -Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
class ShopLoadBenchmarkIT {

    static final double[] LADDER = {5, 10, 15, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 960, 1280, 1920};
    static final Duration STEP = Duration.ofSeconds(10);
    static final Duration WARMUP = Duration.ofSeconds(30);
    static final double WARMUP_RATE = 10;
    /** A side leaves the ladder after this many rates in a row not sustained (one can be a hiccup of the shared machine). */
    static final int MISSES = 2;
    static final Duration STEADY = Duration.ofSeconds(20);
    static final int STEADY_ROUNDS = 3;
    /** Requests not answered yet beyond this are not sent (and counted as failed): the client is not the bottleneck. */
    static final int MAX_IN_FLIGHT = 1_000;
    /** Sustained: at least this share of the due requests answered with success, and p99 at most {@link #SUSTAINED_P99_MILLIS}. */
    static final double SUSTAINED_SHARE = 0.99;
    static final long SUSTAINED_P99_MILLIS = 1_000;

    record Round(String phase, String side, double offered, int due, int ok, Map<String, Integer> failures, double seconds,
                 long p50Micros, long p99Micros, long maxMicros, String load) {
        double okPerSecond() {
            return ok / seconds;
        }

        boolean sustained() {
            return ok >= SUSTAINED_SHARE * due && p99Micros <= SUSTAINED_P99_MILLIS * 1_000;
        }
    }

    @Test
    void ordersPerSecondThroughTheGatewaysVersusTheGatewaysAlone(UnitSandbox sandbox) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (ShopUnits shop = ShopUnits.start(sandbox)) {
            run(http, shop, "warm-up", "shop", WARMUP_RATE, WARMUP);
            run(http, shop, "warm-up", "echo", WARMUP_RATE, WARMUP);
            List<Round> ladder = new ArrayList<>();
            int shopMisses = 0;
            int echoMisses = 0;
            double shopBest = 0;
            double echoBest = 0;
            for (int i = 0; i < LADDER.length && (shopMisses < MISSES || echoMisses < MISSES); i++) {
                double rate = LADDER[i];
                for (String side : i % 2 == 0 ? List.of("shop", "echo") : List.of("echo", "shop")) {
                    if ((side.equals("shop") ? shopMisses : echoMisses) >= MISSES) {
                        continue;
                    }
                    Round r = run(http, shop, "ladder", side, rate, STEP);
                    ladder.add(r);
                    System.out.println(r);
                    if (side.equals("shop")) {
                        shopMisses = r.sustained() ? 0 : shopMisses + 1;
                        shopBest = r.sustained() ? rate : shopBest;
                    } else {
                        echoMisses = r.sustained() ? 0 : echoMisses + 1;
                        echoBest = r.sustained() ? rate : echoBest;
                    }
                }
            }
            List<Round> steady = new ArrayList<>();
            double steadyRate = Math.max(shopBest, LADDER[0]);
            for (int i = 0; i < STEADY_ROUNDS; i++) {
                for (String side : i % 2 == 0 ? List.of("shop", "echo") : List.of("echo", "shop")) {
                    Round r = run(http, shop, "steady", side, steadyRate, STEADY);
                    steady.add(r);
                    System.out.println(r);
                }
            }
            write(ladder, steady, shopBest, echoBest, shop.shopResidentMegabytes());
        } finally {
            clientThreads.shutdownNow();
        }
    }

    /** {@code rate} requests/s for {@code length}, each due at a fixed time; latency from the due time to the answer. */
    private static Round run(HttpClient http, ShopUnits shop, String phase, String side, double rate, Duration length) throws Exception {
        int due = (int) Math.round(rate * length.toNanos() / 1e9);
        long period = (long) (1e9 / rate);
        AtomicLongArray latencies = new AtomicLongArray(due);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        int expected = side.equals("shop") ? 201 : 200;
        String path = side.equals("shop") ? "/api/orders" : "/echo/orders";
        long t0 = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < due; i++) {
            long dueAt = t0 + i * period;
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                failures.merge("not sent (" + MAX_IN_FLIGHT + " in flight)", 1, Integer::sum);
                latencies.set(i, Long.MAX_VALUE);
                done.incrementAndGet();
                continue;
            }
            // buyers alternate between the units' slot ranges (center 0-4999, unit-b 5000-9999); gateways alternate too,
            // out of step with the buyers, so every combination (local, forwarded) occurs equally
            long buyer = (i % 2 == 0 ? 100 : 5_100) + (i / 2) % 4_800;
            String via = (i / 2) % 2 == 0 ? "center" : "unit-b";
            String body = "{\"items\":[{\"productId\":" + (1 + i % 3) + ",\"quantity\":1}]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(shop.gateway(via) + path)).timeout(Duration.ofSeconds(10))
                    .header("X-Buyer-Id", String.valueOf(buyer)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            inFlight.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                latencies.set(index, Math.max(1, (System.nanoTime() - dueAt) / 1_000));
                if (e != null) {
                    failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } else if (r.statusCode() != expected) {
                    failures.merge("HTTP " + r.statusCode(), 1, Integer::sum);
                } else {
                    ok.incrementAndGet();
                }
                inFlight.decrementAndGet();
                done.incrementAndGet();
            });
        }
        long sendEnd = System.nanoTime();
        long drainDeadline = sendEnd + TimeUnit.SECONDS.toNanos(15);
        while (done.get() < due && System.nanoTime() < drainDeadline) {
            Thread.sleep(20);
        }
        double seconds = (sendEnd - t0) / 1e9;
        long[] sorted = new long[due];
        for (int i = 0; i < due; i++) {
            // an answer not back by the drain deadline counts as slowest
            long l = latencies.get(i);
            sorted[i] = l == 0 ? Long.MAX_VALUE : l;
        }
        if (done.get() < due) {
            failures.merge("no answer within 15 s after the round", due - done.get(), Integer::sum);
        }
        Arrays.sort(sorted);
        return new Round(phase, side, rate, due, ok.get(), new TreeMap<>(failures), seconds, at(sorted, 0.50), at(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], loadAverage());
    }

    /** The machine's 1-minute load average at the end of a round (everything runnable, other engineers' builds included). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q) - 1)];
    }

    private static String ms(long micros) {
        return micros == Long.MAX_VALUE ? "no answer" : String.format("%.1f", micros / 1000.0);
    }

    private static String row(Round r) {
        return String.format("| %s | %s | %,.0f | %,d | %,.0f | %s | %s | %s | %s | %s | %s |%n", r.phase(), r.side(), r.offered(), r.due(),
                r.okPerSecond(), ms(r.p50Micros()), ms(r.p99Micros()), ms(r.maxMicros()),
                r.failures().isEmpty() ? "0" : r.failures().toString(), r.sustained() ? "yes" : "**no**", r.load());
    }

    private static void write(List<Round> ladder, List<Round> steady, double shopBest, double echoBest, long shopMb) throws Exception {
        String header = "| phase | side | offered /s | requests | answered OK /s | p50 ms | p99 ms | max ms | failures | sustained | load avg |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n";
        StringBuilder md = new StringBuilder("# Shop orders through the gateways, open loop, vs the gateways + echo backend\n\n")
                .append("- **Date**: ").append(Instant.now()).append('\n')
                .append("- **Machine**: ").append(Runtime.getRuntime().availableProcessors()).append(" vCPU, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", JDK ")
                .append(System.getProperty("java.version"))
                .append(". The sandbox (both units: Nacos, RocketMQ, MariaDB, Redis, Canal), both shop JVMs, both gateways and this load")
                .append(" driver share these cores. Run holding both sandbox slots (no other sandbox ran); compiles of other engineers may")
                .append(" have run at the same time.\n")
                .append("- **Command**: `./mvnw -B -o -pl examples/shop -am verify -Dtest=NoSuchTest")
                .append(" -Dit.test=ShopLoadBenchmarkIT -Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false")
                .append(" -Dfailsafe.failIfNoSpecifiedTests=false` (class `ShopLoadBenchmarkIT`), holding both of the machine's sandbox slots\n")
                .append("- **Load**: open loop (JDK HttpClient, HTTP/1.1, asynchronous): requests are due at a fixed rate whatever the answers do;")
                .append(" latency is measured from the due time to the answer (queueing included, no coordinated omission). Buyers alternate")
                .append(" between the units (slots 100-4899 center, 5100-9899 unit-b), gateways alternate out of step with them: a quarter of")
                .append(" the requests each local-center, local-unit-b, forwarded center→unit-b, forwarded unit-b→center (one signed hop).")
                .append(" At most ").append(MAX_IN_FLIGHT).append(" requests in flight (beyond that a due request is counted failed, not sent).\n")
                .append("- **Shop**: `POST /api/orders`, one line (products 1-3 in turn): gateway → shop → id → CENTER inventory reserve over")
                .append(" Dubbo (always the center) → order + item in one guarded transaction (ShardingSphere + write guard, MariaDB with")
                .append(" binlog replicating both ways) → ORDER_EVENTS to RocketMQ (consumed by both consumer modes, replicated to the peer).")
                .append(" A success is `201`.\n")
                .append("- **Baseline**: the same gateways, the same request and buyers, routed to a constant echo backend (`/echo/**`,")
                .append(" the JDK HTTP server in the test JVM); a success is `200`.\n")
                .append("- **Sustained** means: at least ").append((int) (SUSTAINED_SHARE * 100)).append("% of the due requests answered with")
                .append(" success and p99 at most ").append(SUSTAINED_P99_MILLIS).append(" ms. Ladder: ").append(STEP.toSeconds())
                .append(" s per rate and side, alternating which side goes first, a side leaves after ").append(MISSES)
                .append(" rates in a row not sustained;")
                .append(" warm-up ").append(WARMUP.toSeconds()).append(" s per side at ").append((int) WARMUP_RATE).append("/s first.")
                .append(" Steady: ").append(STEADY_ROUNDS).append(" × ").append(STEADY.toSeconds())
                .append(" s per side at the shop's highest sustained rate, alternating.\n")
                .append("- **Load avg** (last column): the machine's 1-minute load average at the end of the round, read from /proc/loadavg")
                .append(" (2 vCPU: above 2 means runnable work waited for a core, other engineers' builds included).\n")
                .append("- Shop JVMs resident at the end: ").append(shopMb).append(" MB (both units)\n\n");
        double shopOk = 0;
        double echoOk = 0;
        List<Long> shopP50 = new ArrayList<>();
        List<Long> shopP99 = new ArrayList<>();
        List<Long> echoP50 = new ArrayList<>();
        List<Long> echoP99 = new ArrayList<>();
        for (Round r : steady) {
            if (r.side().equals("shop")) {
                shopOk += r.okPerSecond();
                shopP50.add(r.p50Micros());
                shopP99.add(r.p99Micros());
            } else {
                echoOk += r.okPerSecond();
                echoP50.add(r.p50Micros());
                echoP99.add(r.p99Micros());
            }
        }
        md.append("## Result\n\n")
                .append(String.format("- **Shop: %,.0f orders/s sustained** through both gateways (highest ladder rate sustained); at that rate, steady"
                        + " rounds: %,.0f orders/s answered, p50 %s ms, p99 %s ms (median of the rounds).%n", shopBest, shopOk / STEADY_ROUNDS,
                        ms(median(shopP50)), ms(median(shopP99))))
                .append(String.format("- **Baseline, gateways + echo: %,.0f requests/s sustained** (highest ladder rate sustained%s); at the shop's rate,"
                        + " steady rounds: %,.0f requests/s, p50 %s ms, p99 %s ms.%n", echoBest,
                        echoBest >= LADDER[LADDER.length - 1] ? ", the top of the ladder" : "", echoOk / STEADY_ROUNDS, ms(median(echoP50)),
                        ms(median(echoP99))))
                .append("\n## Steady rounds\n\n").append(header);
        steady.forEach(r -> md.append(row(r)));
        md.append("\n## Ladder\n\n").append(header);
        ladder.forEach(r -> md.append(row(r)));
        Path out = Path.of("bench", "results", "shop.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
