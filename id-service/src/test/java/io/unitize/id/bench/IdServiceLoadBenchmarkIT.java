package io.unitize.id.bench;

import com.sun.net.httpserver.HttpServer;
import io.unitize.id.IdHttpServer;
import io.unitize.id.IdService;
import io.unitize.id.LocalIdService;
import io.unitize.id.dubbo.DubboIdServiceExporter;
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
 * single-ID requests at 10k requests/s), over HTTP and Dubbo. Baselines in the same run: the same
 * servers answering a constant body / from a constant IdService (the floor of transport + driver). Not part of verify; run with
 * <pre>./mvnw -pl id-service verify -Dit.test=IdServiceLoadBenchmarkIT -Dunitize.bench=true</pre>
 * Writes id-service/bench/results/service.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.MARIADB)
class IdServiceLoadBenchmarkIT {

    private static final Duration RUN = Duration.ofSeconds(10);
    private static final Duration RATE_RUN = Duration.ofSeconds(5);
    private static final int DRIVER_THREADS = 16;

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
        java.net.ServerSocket socketFloor = fixedAnswerServer(constant);
        LocalIdService service = new LocalIdService("center").tag("order", gen);
        IdService constantService = (tag, count) -> new long[count];
        int dubboPort = freePort();
        int dubboFloorPort = freePort();
        try (IdHttpServer server = new IdHttpServer("127.0.0.1", 0, "center", service, 4).start();
             DubboIdServiceExporter dubbo = DubboIdServiceExporter.export(service, "::1", dubboPort, "N/A");
             DubboIdServiceExporter dubboFloor = DubboIdServiceExporter.export(constantService, "::1", dubboFloorPort, "N/A");
             DubboIdServiceExporter.Client dubboClient = DubboIdServiceExporter.connect("::1", dubboPort);
             DubboIdServiceExporter.Client dubboFloorClient = DubboIdServiceExporter.connect("::1", dubboFloorPort)) {
            String path = "/api/v1/ids/order";
            long httpBatch = batchThroughput("http://127.0.0.1:" + server.port() + path + "?count=1000", 1000);
            long dubboBatch = batchThroughput(() -> dubboClient.service().nextIds("order", 1000).length);
            StringBuilder md = new StringBuilder("# ID service over HTTP and Dubbo\n\n")
                    .append("- date: ").append(Instant.now()).append('\n')
                    .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
                    .append(System.getProperty("java.version")).append("; servers, load driver and MariaDB share the same 2 cores\n")
                    .append("- command: `./mvnw -pl id-service -am install -DskipTests && ./mvnw -pl id-service verify -Dit.test=IdServiceLoadBenchmarkIT -Dunitize.bench=true`\n")
                    .append("- servers: `IdHttpServer` (JDK HTTP server, 4 threads, TCP_NODELAY) and `DubboIdServiceExporter` (dubbo protocol, Hessian2), ")
                    .append("both serving the same `LocalIdService`, segment mode on the sandbox MariaDB\n")
                    .append("- baselines (same run): the same servers answering from a constant `IdService` (no ID generation), and the machine's floor: ")
                    .append("a plain blocking socket per connection writing a fixed HTTP answer (no server framework)\n")
                    .append("- load driver: paced blocking threads, one keep-alive connection each (HTTP: a plain socket writing/reading HTTP/1.1; ")
                    .append("Dubbo: the Dubbo client). Latency counts from each request's scheduled send time, so a driver or server falling ")
                    .append("behind shows as latency (no coordinated omission)\n\n")
                    .append("## Batch fetch (4 client threads, count=1000, closed loop, ").append(RUN.toSeconds()).append(" s)\n\n")
                    .append("| transport | IDs/s |\n|---|---|\n")
                    .append("| HTTP | ").append(String.format("%,d", httpBatch)).append(" |\n")
                    .append("| Dubbo | ").append(String.format("%,d", dubboBatch)).append(" |\n\n")
                    .append("Target: >= 50,000 IDs/s served to remote clients.\n\n")
                    .append("## Single-ID requests at fixed rates (").append(RATE_RUN.toSeconds()).append(" s each, ")
                    .append(DRIVER_THREADS).append(" driver threads)\n\n")
                    .append("| rate req/s | transport | server | requests | p50 µs | p99 µs | p99.9 µs | max µs | errors |\n|---|---|---|---|---|---|---|---|---|\n");
            for (int rate : new int[]{1_000, 5_000, 10_000}) {
                md.append(row(rate + " | HTTP | ID service", openLoop(rawHttp(server.port(), path), rate, DRIVER_THREADS)));
                md.append(row(rate + " | HTTP | baseline (constant body)", openLoop(rawHttp(floor.getAddress().getPort(), path), rate, DRIVER_THREADS)));
                md.append(row(rate + " | HTTP | floor (plain socket, fixed answer)", openLoop(rawHttp(socketFloor.getLocalPort(), path), rate, DRIVER_THREADS)));
                md.append(row(rate + " | Dubbo | ID service", openLoop(() -> () -> dubboClient.service().nextIds("order", 1).length == 1, rate, DRIVER_THREADS)));
                md.append(row(rate + " | Dubbo | baseline (constant IdService)", openLoop(() -> () -> dubboFloorClient.service().nextIds("order", 1).length == 1, rate, DRIVER_THREADS)));
            }
            md.append("\nTarget: p99 < 2 ms for single-ID requests at 10k requests/s.\n");
            Path out = Path.of("bench", "results", "service.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md.toString());
            System.out.println(md);
        } finally {
            floor.stop(0);
            socketFloor.close();
        }
    }

    /**
     * The machine's floor: a thread per connection reading a request up to its blank line and writing
     * a fixed HTTP answer, no HTTP server framework at all.
     */
    private static java.net.ServerSocket fixedAnswerServer(byte[] body) throws java.io.IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 1024, java.net.InetAddress.getLoopbackAddress());
        byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread connection = new Thread(() -> {
                        try (socket) {
                            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                            java.io.OutputStream out = socket.getOutputStream();
                            int lineBreaks = 0;
                            for (int c = in.read(); c >= 0; c = in.read()) {
                                lineBreaks = c == '\n' ? lineBreaks + 1 : c == '\r' ? lineBreaks : 0;
                                if (lineBreaks == 2) {
                                    out.write(answer);
                                    out.flush();
                                    lineBreaks = 0;
                                }
                            }
                        } catch (java.io.IOException e) {
                            // connection closed by the driver
                        }
                    }, "floor-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (java.io.IOException e) {
                    return; // closed
                }
            }
        }, "floor-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long batchThroughput(String url, int perRequest) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
        return batchThroughput(() -> http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? perRequest : 0);
    }

    /** IDs/s drawn by 4 threads in a closed loop; {@code fetch} returns the number of IDs one request got. */
    private static long batchThroughput(java.util.concurrent.Callable<Integer> fetch) throws Exception {
        AtomicLong total = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        total.addAndGet(fetch.call());
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

    /** One client connection of the driver: performs one single-ID request, true if it succeeded. */
    interface Call {
        boolean call() throws Exception;
    }

    /** A factory of per-thread connections (each driver thread owns one). */
    interface Connection {
        Call open() throws Exception;
    }

    /**
     * HTTP/1.1 keep-alive over a plain socket: writes the request, reads the status line, headers and
     * Content-Length body. Far lighter than a general-purpose client, so that the driver does not
     * eat the two cores it shares with the server.
     */
    static Connection rawHttp(int port, String path) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return () -> {
            java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(2_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            return () -> {
                out.write(request);
                out.flush();
                String status = line(in);
                int length = -1;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                if (length < 0) {
                    throw new IllegalStateException("no Content-Length in the answer: " + status);
                }
                in.readNBytes(length);
                return status.startsWith("HTTP/1.1 200");
            };
        };
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed by the server");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /**
     * Latencies in µs of requests sent at a fixed total rate by paced threads (blocking, one
     * connection each); latency counts from each request's scheduled time, so a thread falling
     * behind shows as latency, not as a lower rate. The last element is the error count.
     */
    private static long[] openLoop(Connection connection, int perSecond, int threads) throws Exception {
        Call warm = connection.open();
        for (int i = 0; i < 2_000; i++) {
            warm.call();
        }
        int perThread = (int) (perSecond / threads * RATE_RUN.toSeconds());
        long interval = 1_000_000_000L * threads / perSecond;
        long[] lat = new long[threads * perThread + 1];
        AtomicLong errors = new AtomicLong();
        Call[] calls = new Call[threads];
        for (int t = 0; t < threads; t++) {
            calls[t] = connection.open();
        }
        long start = System.nanoTime() + 20_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Call call = calls[t];
            Thread th = new Thread(() -> {
                long giveUp = start + 3 * RATE_RUN.toNanos();
                for (int i = 0; i < perThread; i++) {
                    long due = start + i * interval + offset * (interval / threads);
                    if (System.nanoTime() > giveUp) { // hopelessly behind: the rest count as errors
                        errors.addAndGet(perThread - i);
                        Arrays.fill(lat, offset * perThread + i, (offset + 1) * perThread, Long.MAX_VALUE);
                        break;
                    }
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait, 100_000));
                    }
                    try {
                        if (!call.call()) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    lat[offset * perThread + i] = (System.nanoTime() - due) / 1_000;
                }
            }, "load-" + t);
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
