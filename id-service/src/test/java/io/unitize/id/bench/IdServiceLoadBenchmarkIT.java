package io.unitize.id.bench;

import com.sun.net.httpserver.HttpServer;
import io.unitize.id.IdHttpServer;
import io.unitize.id.JdbcSegmentStore;
import io.unitize.id.SegmentIdGenerator;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the ID service over HTTP (issue 8: >= 50k IDs/s to remote clients; p99 < 2 ms for
 * single-ID requests at 10k requests/s). Baseline in the same run: the same JDK HTTP server
 * answering a constant body (the floor of the transport). Not part of verify; run with
 * <pre>./mvnw -pl id-service verify -Dit.test=IdServiceLoadBenchmarkIT -Dunitize.bench=true</pre>
 * Writes id-service/bench/results/http-service.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.MARIADB)
class IdServiceLoadBenchmarkIT {

    private static final Duration RUN = Duration.ofSeconds(10);
    private static final Duration RATE_RUN = Duration.ofSeconds(5);

    @Test
    void throughputAndLatency(UnitSandbox sandbox) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // before the first JDK HTTP server of this JVM (see IdHttpServer)
        SandboxUnit center = sandbox.center();
        JdbcSegmentStore store = new JdbcSegmentStore(io.unitize.id.UnitDatabase.dataSource(center, "bench_ids"));
        store.createTable();
        store.register("order", "center", 0);
        SegmentIdGenerator gen = new SegmentIdGenerator(store, "order", "center", 0, 4, 10_000, 1_000_000, Duration.ofSeconds(10),
                Executors.newCachedThreadPool());
        HttpServer floor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        floor.setExecutor(Executors.newFixedThreadPool(4));
        byte[] constant = "{\"tag\":\"order\",\"unit\":\"center\",\"ids\":[123456789]}".getBytes(StandardCharsets.UTF_8);
        floor.createContext("/", ex -> {
            try (ex) {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, constant.length);
                ex.getResponseBody().write(constant);
            }
        });
        floor.start();
        try (IdHttpServer server = new IdHttpServer("127.0.0.1", 0, "center", new io.unitize.id.LocalIdService("center").tag("order", gen), 4).start()) {
            String ids = "http://127.0.0.1:" + server.port() + "/api/v1/ids/order";
            String base = "http://127.0.0.1:" + floor.getAddress().getPort() + "/api/v1/ids/order";
            long batchIdsPerSecond = batchThroughput(ids + "?count=1000", 1000);
            StringBuilder md = new StringBuilder("# ID service over HTTP\n\n")
                    .append("- date: ").append(Instant.now()).append('\n')
                    .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
                    .append(System.getProperty("java.version")).append("; server, load driver and MariaDB share the same 2 cores\n")
                    .append("- command: `./mvnw -pl id-service verify -Dit.test=IdServiceLoadBenchmarkIT -Dunitize.bench=true`\n")
                    .append("- server: `IdHttpServer` (JDK HTTP server, 4 threads, TCP_NODELAY), segment mode on the sandbox MariaDB\n")
                    .append("- load driver: JDK `HttpClient`, blocking, 8 paced threads (one keep-alive connection each); latency counts ")
                    .append("from each request's scheduled send time, so a driver or server falling behind shows as latency\n\n")
                    .append("Batch fetch (4 client threads, count=1000, closed loop, ").append(RUN.toSeconds()).append(" s): **")
                    .append(String.format("%,d", batchIdsPerSecond)).append(" IDs/s** (target >= 50,000)\n\n")
                    .append("Single-ID requests at fixed rates (").append(RATE_RUN.toSeconds()).append(" s each), ID service vs. the baseline ")
                    .append("(the same JDK HTTP server answering a constant body: the floor of transport + driver):\n\n")
                    .append("| rate req/s | server | requests | p50 µs | p99 µs | p99.9 µs | max µs | errors |\n|---|---|---|---|---|---|---|---|\n");
            for (int rate : new int[]{1_000, 2_000, 5_000, 10_000}) {
                md.append(row(rate + " | ID service", openLoop(ids, rate)));
                md.append(row(rate + " | baseline (constant body)", openLoop(base, rate)));
            }
            md.append("\nTarget: p99 < 2 ms for single-ID requests at 10k requests/s.\n");
            Path out = Path.of("bench", "results", "http-service.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md.toString());
            System.out.println(md);
        } finally {
            floor.stop(0);
        }
    }

    private static String row(String name, long[] lat) {
        long errors = lat[lat.length - 1];
        long[] v = Arrays.stream(lat, 0, lat.length - 1).filter(x -> x != Long.MAX_VALUE).toArray();
        Arrays.sort(v);
        return "| " + name + " | " + v.length + " | " + pct(v, 50) + " | " + pct(v, 99) + " | " + pct(v, 99.9) + " | "
                + (v.length == 0 ? -1 : v[v.length - 1]) + " | " + errors + " |\n";
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static long batchThroughput(String url, int perRequest) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong total = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            total.addAndGet(perRequest);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return total.get() * 1_000_000_000L / (System.nanoTime() - t0);
    }

    /**
     * Latencies in µs of requests sent at a fixed total rate by 8 paced threads (blocking, one
     * connection each); latency counts from each request's scheduled time, so a thread falling
     * behind shows as latency, not as a lower rate. The last element is the error count.
     */
    private static long[] openLoop(String url, int perSecond) throws Exception {
        int threads = 8;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 500; i++) { // warm up
            http.send(req, HttpResponse.BodyHandlers.discarding());
        }
        int perThread = (int) (perSecond / threads * RATE_RUN.toSeconds());
        long interval = 1_000_000_000L * threads / perSecond;
        long[] lat = new long[threads * perThread + 1];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 10_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                long giveUp = start + 3 * RATE_RUN.toNanos();
                for (int i = 0; i < perThread; i++) {
                    long due = start + i * interval + offset * (interval / threads);
                    if (System.nanoTime() > giveUp) { // hopelessly behind: the rest count as errors
                        errors.addAndGet(perThread - i);
                        java.util.Arrays.fill(lat, offset * perThread + i, (offset + 1) * perThread, Long.MAX_VALUE);
                        break;
                    }
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait, 200_000));
                    }
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    lat[offset * perThread + i] = (System.nanoTime() - due) / 1_000;
                }
            });
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            th.join();
        }
        lat[lat.length - 1] = errors.get();
        return lat;
    }
}
