package io.unitize.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A unit's demo backend behind its gateway: answers which unit served the request and who forwarded it.
 * A test backend: it listens on loopback next to its gateway, so anyone on this machine can call it
 * directly and bypass the gateway's checks (buyer-id rules, edge freeze, hop authentication). A real
 * unit puts its services where only its gateway reaches them (a private network, or mTLS).
 */
final class DemoBackend {

    private DemoBackend() {
    }

    static AutoCloseable start(String unit, int port) {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else each answer waits ~40 ms for a delayed ACK
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            server.createContext("/", ex -> {
                try (ex) {
                    String fwd = ex.getRequestHeaders().getFirst("X-Unitize-Forwarded-By");
                    byte[] body = ("{\"servedBy\":\"" + unit + "\",\"path\":\"" + ex.getRequestURI().getPath().replace("\"", "")
                            + "\",\"forwardedBy\":" + (fwd == null ? "null" : "\"" + fwd.replace("\"", "") + "\"") + "}\n")
                            .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            });
            server.start();
            return () -> server.stop(0);
        } catch (IOException e) {
            throw new UncheckedIOException("demo backend of " + unit + " cannot listen on 127.0.0.1:" + port, e);
        }
    }
}
