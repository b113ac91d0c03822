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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders/s the shop sustains through both gateways (closed loop, buyers of both units entering
 * through either gateway) with p50/p99 client latency, beside the same gateways proxying to a
 * constant echo backend, alternating rounds in one run. Writes {@code bench/results/shop.md}.
 * Not a test of anything; gated:
 * <pre>flock /tmp/unitize-sandbox.lock ./mvnw -B -pl examples/shop -am verify -Dtest=NoSuchTest -Dit.test=ShopLoadBenchmarkIT \
 *   -Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
class ShopLoadBenchmarkIT {

    static final int THREADS = 8;
    static final int ROUNDS = 6;
    static final Duration ROUND = Duration.ofSeconds(10);
    static final Duration WARMUP = Duration.ofSeconds(20);

    record Round(String side, int requests, int errors, double seconds, long p50Micros, long p99Micros) {
        double perSecond() {
            return requests / seconds;
        }
    }

    @Test
    void ordersPerSecondThroughTheGatewaysVersusTheGatewaysAlone(UnitSandbox sandbox) throws Exception {
        try (ShopUnits shop = ShopUnits.start(sandbox)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            run(http, shop, "shop", WARMUP);
            run(http, shop, "echo", WARMUP);
            List<Round> rounds = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                String first = i % 2 == 0 ? "shop" : "echo";
                rounds.add(run(http, shop, first, ROUND));
                rounds.add(run(http, shop, first.equals("shop") ? "echo" : "shop", ROUND));
            }
            write(rounds, shop.shopResidentMegabytes());
        }
    }

    private static Round run(HttpClient http, ShopUnits shop, String side, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger errors = new AtomicInteger();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            long[] lat = new long[200_000];
            perThread.add(lat);
            int id = t;
            Thread th = new Thread(() -> {
                int n = 0;
                long buyer = 100 + id;
                while (System.nanoTime() < end) {
                    buyer = (buyer + 4_999) % 10_000; // alternates units
                    String via = (n % 2 == 0) ? "center" : "unit-b";
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(shop.gateway(via) + (side.equals("shop") ? "/api/orders" : "/echo/orders")))
                            .timeout(Duration.ofSeconds(10)).header("X-Buyer-Id", String.valueOf(buyer)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":1,\"quantity\":1}]}"));
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201 && r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n < lat.length) {
                        lat[n] = (System.nanoTime() - s) / 1_000;
                    }
                    n++;
                }
                counts[id] = n;
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[Math.min(total, THREADS * 200_000)];
        int k = 0;
        for (int t = 0; t < THREADS; t++) {
            int n = Math.min(counts[t], perThread.get(t).length);
            System.arraycopy(perThread.get(t), 0, all, k, n);
            k += n;
        }
        Arrays.sort(all, 0, k);
        return new Round(side, total, errors.get(), seconds, k == 0 ? 0 : all[k / 2], k == 0 ? 0 : all[Math.min(k - 1, (int) (k * 0.99))]);
    }

    private static void write(List<Round> rounds, long shopMb) throws Exception {
        StringBuilder md = new StringBuilder("# Shop orders through the gateways vs the gateways alone\n\n")
                .append("- date: ").append(Instant.now()).append('\n')
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ").append(System.getProperty("java.version"))
                .append("; the sandbox (both units), both shop JVMs, both gateways and this load driver share the same cores\n")
                .append("- command: `flock /tmp/unitize-sandbox.lock ./mvnw -B -pl examples/shop -am verify -Dtest=NoSuchTest -Dit.test=ShopLoadBenchmarkIT -Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false`\n")
                .append("- load: ").append(THREADS).append(" client threads, closed loop (JDK HttpClient); buyers alternate between the units' slot ranges and enter through alternating gateways (half the requests are forwarded once); ")
                .append(ROUNDS).append(" rounds of ").append(ROUND.toSeconds()).append(" s per side, alternating, after ").append(WARMUP.toSeconds()).append(" s warm-up per side\n")
                .append("- shop: `POST /api/orders` (one line): id, CENTER inventory reserve over Dubbo, order + item in one guarded transaction, event; ")
                .append("baseline: the same gateways and the same request routed to a constant echo backend (`/echo/**`)\n")
                .append("- shop JVMs resident at the end: ").append(shopMb).append(" MB (both units)\n\n")
                .append("| round | side | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        int i = 0;
        double shopSum = 0;
        double echoSum = 0;
        List<Long> shopP50 = new ArrayList<>();
        List<Long> shopP99 = new ArrayList<>();
        List<Long> echoP50 = new ArrayList<>();
        List<Long> echoP99 = new ArrayList<>();
        for (Round r : rounds) {
            md.append(String.format("| %d | %s | %,.0f | %.1f | %.1f | %d |%n", i++ / 2 + 1, r.side(), r.perSecond(), r.p50Micros() / 1000.0,
                    r.p99Micros() / 1000.0, r.errors()));
            if (r.side().equals("shop")) {
                shopSum += r.perSecond();
                shopP50.add(r.p50Micros());
                shopP99.add(r.p99Micros());
            } else {
                echoSum += r.perSecond();
                echoP50.add(r.p50Micros());
                echoP99.add(r.p99Micros());
            }
        }
        md.append(String.format("%nMean: shop **%,.0f orders/s** (median p50 %.1f ms, p99 %.1f ms); gateway + echo %,.0f requests/s (median p50 %.1f ms, p99 %.1f ms).%n",
                shopSum / ROUNDS, median(shopP50) / 1000.0, median(shopP99) / 1000.0, echoSum / ROUNDS, median(echoP50) / 1000.0, median(echoP99) / 1000.0));
        Path out = Path.of("bench", "results", "shop.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static double median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
