package io.unitize.gateway.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A unit's backend on loopback: answers "backend <unit>", tells which gateway forwarded the request, counts requests. */
final class Backend implements AutoCloseable {

    final String unit;
    final AtomicLong requests = new AtomicLong();
    private final HttpServer server;

    int port() {
        return server.getAddress().getPort();
    }

    Backend(String unit, int port) throws IOException {
        // without TCP_NODELAY every small answer waits for the client's delayed ACK (~40 ms); set before the first JDK HTTP server
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.unit = unit;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newCachedThreadPool()); // an exchange left waiting (a fuzz test's) never blocks the others
        server.createContext("/", ex -> {
            try (ex) {
                requests.incrementAndGet();
                String fwd = ex.getRequestHeaders().getFirst("X-Unitize-Forwarded-By");
                ex.getResponseHeaders().set("X-Seen-Forwarded-By", fwd == null ? "-" : fwd);
                // every X-Unitize-* request header the backend received (names lower-cased), "-" when none
                String unitize = ex.getRequestHeaders().keySet().stream().filter(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("x-unitize-"))
                        .map(n -> n.toLowerCase(java.util.Locale.ROOT)).sorted().collect(java.util.stream.Collectors.joining(","));
                ex.getResponseHeaders().set("X-Seen-Unitize-Headers", unitize.isEmpty() ? "-" : unitize);
                java.util.List<String> buyerIds = ex.getRequestHeaders().get("X-Buyer-Id");
                ex.getResponseHeaders().set("X-Seen-Buyer-Ids", buyerIds == null ? "-" : String.join(",", buyerIds));
                byte[] body = ("backend " + unit).getBytes(StandardCharsets.UTF_8);
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
