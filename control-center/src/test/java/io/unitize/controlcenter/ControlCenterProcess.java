package io.unitize.controlcenter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A control center in its own JVM (so that it can really be killed), on the test's classpath. */
final class ControlCenterProcess implements AutoCloseable {

    private final Process process;
    final String url;
    final Path log;

    private ControlCenterProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static ControlCenterProcess start(ControlCenterFixture fixture, String logName, String... extraArgs) throws Exception {
        int port = io.unitize.sandbox.UnitSandbox.freePort(); // below the ephemeral range: a restart on it finds it free
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ControlCenterApplication.class.getName()));
        for (String a : fixture.args()) {
            if (!a.startsWith("--server.port=")) {
                cmd.add(a);
            }
        }
        cmd.add("--server.port=" + port);
        cmd.addAll(List.of(extraArgs));
        Path log = Path.of("target", logName + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ControlCenterProcess cc = new ControlCenterProcess(p, "http://127.0.0.1:" + port, log);
        cc.awaitReady();
        return cc;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("control center exited with " + process.exitValue() + " while starting; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("control center not ready within 90 s; see " + log.toAbsolutePath());
    }

    /** Waits for the process to end by itself (a failpoint halting it); returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("control center still running after " + timeout + "; see " + log.toAbsolutePath());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL (no shutdown hook, no flush, nothing closed); returns the exit code (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("control center survived SIGKILL for 30 s; see " + log.toAbsolutePath());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
