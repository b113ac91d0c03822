package io.unitize.id;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ID service over HTTP (JDK server, no framework): {@code GET /api/v1/ids/{tag}?count=N}
 * answers {@code {"tag":"order","unit":"center","ids":[…]}} with N (1..10,000, default 1) IDs of
 * the tag. Unknown tag: 404, bad count: 400, store unreachable: 503 — each a problem document
 * naming what was refused.
 */
public final class IdHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdHttpServer.class);
    private static final String PREFIX = "/api/v1/ids/";

    static {
        // Small answers: without TCP_NODELAY every response waits for the client's delayed ACK (~40 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String unit;
    private final IdService service;

    /** Serves {@code service} (the same one the Dubbo endpoint serves). */
    public IdHttpServer(String host, int port, String unit, IdService service, int threads) throws IOException {
        this.unit = unit;
        this.service = service;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "unitize-id-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
    }

    public IdHttpServer start() {
        server.start();
        log.info("UNITIZE-ID-030 ID service of unit {} on http://{}:{}{}<tag>", unit, server.getAddress().getHostString(), port(), PREFIX);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                problem(ex, 405, "method " + ex.getRequestMethod() + " not allowed: use GET " + PREFIX + "{tag}?count=N");
                return;
            }
            URI uri = ex.getRequestURI();
            String tag = uri.getPath().substring(PREFIX.length());
            long[] ids;
            try {
                ids = service.nextIds(tag, count(uri.getQuery()));
            } catch (UnknownTagException e) {
                problem(ex, 404, e.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                problem(ex, 400, e.getMessage());
                return;
            } catch (IdServiceUnavailableException e) {
                problem(ex, 503, e.getMessage());
                return;
            }
            StringBuilder sb = new StringBuilder(32 + ids.length * 20).append("{\"tag\":\"").append(tag).append("\",\"unit\":\"")
                    .append(unit).append("\",\"ids\":[");
            for (int i = 0; i < ids.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(ids[i]);
            }
            send(ex, 200, "application/json", sb.append("]}").toString());
        }
    }

    static int count(String query) {
        if (query == null) {
            return 1;
        }
        for (String p : query.split("&")) {
            if (p.startsWith("count=")) {
                String v = p.substring(6);
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("count must be a number within 1.." + LocalIdService.MAX_COUNT + ", but was '" + v + "'");
                }
                return n; // the range is checked by the IdService
            }
        }
        return 1;
    }

    private static void problem(HttpExchange ex, int status, String detail) throws IOException {
        send(ex, status, "application/problem+json", "{\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
