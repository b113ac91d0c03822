package io.unitize.sandbox.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A standalone Nacos server in a child JVM. Nacos also opens gRPC ports at +1000 and +1001 and a
 * Raft port at -1000 on every interface, so all four are picked free together. A restart keeps
 * the port and the data folder (the embedded Derby database), like a real server restart.
 */
public final class NacosNode extends SingleProcessNode {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String unit;
    private final Path home;
    private final int port;
    private boolean cameUp;

    public NacosNode(String unit, Path home) {
        this.unit = unit;
        this.home = home;
        this.port = Ports.freeWithOffsets(-1000, 1000, 1001);
    }

    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "nacos[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        List<String> jvm = List.of("-Xms64m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m",
                "-Dnacos.home=" + home, "-Dnacos.logs.path=" + home.resolve("logs"),
                "-Dserver.tomcat.basedir=" + home.resolve("tomcat"), "-Duser.home=" + home,
                "-Dnacos.server.main.port=" + port, "-Dnacos.standalone=true");
        process = new ManagedProcess(name(), JavaChildCommand.of("nacos", jvm,
                "io.unitize.sandbox.nacos.NacosServerMain", List.of()), home, home.resolve("out.log"));
        process.start();
        process.awaitReady(this::answers, READY_TIMEOUT, log);
        cameUp = true;
    }

    /** A server that never came up drops its half-made Derby database; a restarted one keeps its data. */
    @Override
    public String prepareRetry() {
        if (cameUp) {
            return "on the same data";
        }
        try {
            NativeBinaries.deleteTree(home.resolve("data"));
        } catch (IOException e) {
            return "on the same data (could not delete " + home.resolve("data") + ": " + e.getMessage() + ")";
        }
        return "with a fresh Derby database";
    }

    private boolean answers() {
        if (!process.logContains("NACOS-READY")) {
            return false;
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nacos/v1/ns/operator/metrics"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
}
