package io.unitize.sandbox.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A standalone Nacos server in a child JVM. Nacos also opens gRPC ports at +1000 and +1001 and a
 * Raft port at -1000 on every interface, so all four are picked free together. A restart keeps
 * the port and the data folder (the embedded Derby database), like a real server restart.
 */
public final class NacosNode extends SingleProcessNode {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String unit;
    private final Path home;
    private final int port;

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
    public void start() {
        List<String> jvm = List.of("-Xms64m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m",
                "-Dnacos.home=" + home, "-Dnacos.logs.path=" + home.resolve("logs"),
                "-Dserver.tomcat.basedir=" + home.resolve("tomcat"), "-Duser.home=" + home,
                "-Dnacos.server.main.port=" + port, "-Dnacos.standalone=true");
        process = new ManagedProcess(name(), JavaChildCommand.of("nacos", jvm,
                "io.unitize.sandbox.nacos.NacosServerMain", List.of()), home, home.resolve("out.log"));
        process.start();
        process.awaitReady(this::answers, READY_TIMEOUT);
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
