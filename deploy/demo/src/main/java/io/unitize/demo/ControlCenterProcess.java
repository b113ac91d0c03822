package io.unitize.demo;

import io.unitize.shop.launch.ShopLaunch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control center as its own process (its own classpath, its durable store in the demo's run
 * folder), supervised like a service manager would: when it exits without the demo stopping it —
 * an operator's {@code kill -9 <pid>}, a crash — it is started again on the same store, where it
 * resumes a RUNNING cutover (or rolls it back) before taking new work. Its PID is always in
 * {@code <base>/control-center.pid}. Started like a shop ({@link ShopLaunch#javaCommand}): small heap, and
 * killed with the demo where util-linux's setpriv is present.
 */
final class ControlCenterProcess implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private final Path pidFile;
    private final int port;
    private final Thread supervisor;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile int starts;

    private ControlCenterProcess(List<String> command, Path log, Path pidFile, int port) {
        this.command = command;
        this.log = log;
        this.pidFile = pidFile;
        this.port = port;
        // one long-lived thread starts every incarnation: setpriv's parent-death signal follows the starting thread
        this.supervisor = new Thread(this::supervise, "unitize-demo-control-center");
        this.supervisor.setDaemon(true);
    }

    /** Starts it (returns at once; {@link #awaitReady} waits for its HTTP port). */
    static ControlCenterProcess start(String classpath, List<String> args, int port, Path home, Path pidFile) throws IOException {
        Files.createDirectories(home);
        List<String> cmd = ShopLaunch.javaCommand("io.unitize.controlcenter.ControlCenterApplication", classpath, home, args);
        ControlCenterProcess cc = new ControlCenterProcess(List.copyOf(cmd), home.resolve("control-center.log"), pidFile, port);
        cc.supervisor.start();
        return cc;
    }

    private void supervise() {
        while (!stopping) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                process = p;
                if (stopping) { // close() ran while this one started
                    p.destroy();
                    return;
                }
                starts++;
                Files.writeString(pidFile, p.pid() + "\n");
                int code = p.waitFor();
                if (stopping) {
                    return;
                }
                System.out.println("UNITIZE-DEMO-020 the control center (pid " + p.pid() + ") exited with code " + code
                        + " without the demo stopping it; starting it again on its store (it resumes a RUNNING cutover). Log: " + log);
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                System.out.println("UNITIZE-DEMO-021 cannot start the control center: " + e + "; retrying in 5 s. Log: " + log);
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits until its sign-in page answers. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/login")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("UNITIZE-DEMO-022 the control center was not ready in " + timeout + "; see " + log);
    }

    /**
     * Stores and publishes {@code rulesJson} as the first version through the REST API. On a store
     * that already holds rules (a restart on the same data) it keeps them, except that the servers
     * have new ports in this run: when {@code thisRun} changes units[] of the version in force (its
     * endpoints), that is stored as the next version, before any agent starts on the old addresses.
     */
    void storeRules(String login, String rulesJson, java.util.function.UnaryOperator<io.unitize.core.UnitRules> thisRun)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/rules")).header("Authorization", auth)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        String toStore = rulesJson;
        if (current.statusCode() == 200) {
            io.unitize.core.UnitRules inForce = io.unitize.core.UnitRules.fromJson(current.body());
            io.unitize.core.UnitRules moved = thisRun.apply(inForce);
            if (moved.units().equals(inForce.units())) {
                return;
            }
            toStore = moved.toBuilder().version(inForce.version() + 1).updatedAt(java.time.Instant.now())
                    .reason("demo started again on the same data: this run's server addresses in units[]").build().toJson();
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/rules")).header("Authorization", auth)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString(toStore)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("UNITIZE-DEMO-023 the control center refused the demo's rules: " + put.statusCode() + " "
                    + put.body());
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** How many times it was started (1 + restarts). */
    int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        Process p = process;
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        supervisor.join(5_000);
    }
}
