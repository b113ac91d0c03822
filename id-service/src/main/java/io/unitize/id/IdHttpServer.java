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
 * naming what was refused. With an {@link IdHttpAccess}: a request without one of its tokens
 * ({@code Authorization: Bearer <token>}) gets 401, one over its client address's limit 429 with
 * {@code Retry-After}; neither draws an ID.
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
    private final IdHttpAccess access;
    private final ClientLimits limits;

    /** Serves {@code service} (the same one the Dubbo endpoint serves) to anyone who reaches the port. */
    public IdHttpServer(String host, int port, String unit, IdService service, int threads) throws IOException {
        this(host, port, unit, service, threads, IdHttpAccess.OPEN);
    }

    /** Serves {@code service} to the clients {@code access} lets in, within their limits. */
    public IdHttpServer(String host, int port, String unit, IdService service, int threads, IdHttpAccess access) throws IOException {
        this.unit = unit;
        this.service = service;
        this.access = access;
        this.limits = access.limitPerPeriod() > 0 ? new ClientLimits(access.limitPerPeriod(), access.period()) : null;
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
        if (!access.requiresToken() && !server.getAddress().getAddress().isLoopbackAddress()) {
            log.warn("UNITIZE-ID-034 the ID service of unit {} listens on {} without a token: anyone who can reach that port"
                    + " draws IDs. Next: set unitize.id.http.tokens, or keep the port on the unit's isolated network only",
                    unit, server.getAddress());
        }
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
            if (access.requiresToken() && !access.accepts(bearer(ex))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"unitize-id\"");
                problem(ex, 401, ex.getRequestHeaders().getFirst("Authorization") == null
                        ? "no token: this ID service requires Authorization: Bearer <token> (one of unitize.id.http.tokens)"
                        : "the bearer token is not one this ID service accepts (unitize.id.http.tokens)");
                return;
            }
            URI uri = ex.getRequestURI();
            String tag = uri.getPath().substring(PREFIX.length());
            long[] ids;
            try {
                int count = count(uri.getQuery());
                if (limits != null && !withinLimit(ex, count)) {
                    return;
                }
                ids = service.nextIds(tag, count);
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

    /** Takes {@code count} from the client address's allowance, or answers 429 and returns false. */
    private boolean withinLimit(HttpExchange ex, int count) throws IOException {
        if (count < 1 || count > LocalIdService.MAX_COUNT) {
            return true; // refused as a bad count by the service, drawing nothing
        }
        String client = ex.getRemoteAddress().getAddress().getHostAddress();
        int limit = access.limitPerPeriod();
        if (count > limit) {
            problem(ex, 429, "count " + count + " is more than the " + limit + " IDs per " + access.period().toMillis()
                    + " ms a client may draw: ask for at most " + limit);
            return false;
        }
        if (!limits.tryTake(client, count)) {
            long retrySeconds = Math.max(1, (access.period().toMillis() + 999) / 1000);
            ex.getResponseHeaders().set("Retry-After", Long.toString(retrySeconds));
            problem(ex, 429, "client " + client + " drew its " + limit + " IDs per " + access.period().toMillis()
                    + " ms: retry after " + retrySeconds + " s, or ask for fewer at a time");
            return false;
        }
        return true;
    }

    private static String bearer(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
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
