package io.unitize.drill;

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

/**
 * The control center as its own process, so that the drill can SIGKILL it from outside and start
 * it again on the same port and the same durable store folder. Self-contained (no dependency on
 * the control center's classes): it runs {@code io.unitize.controlcenter.ControlCenterApplication}
 * from a given classpath with the given {@code --key=value} arguments.
 */
public final class ControlCenterLauncher implements AutoCloseable {

    static final String MAIN = "io.unitize.controlcenter.ControlCenterApplication";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final String classpath;
    private final List<String> args;
    private final Path home;
    private final int port;
    private Process process;
    private int starts;

    /**
     * {@code args}: the control center's properties ({@code --server.port} is {@code port}).
     * {@code home}: logs and store. {@code port} is kept across restarts, so pick it outside the
     * kernel's ephemeral range (the sandbox's {@code UnitSandbox.freePort()}): a port in that range
     * may be the local end of someone's outgoing connection by the time the control center restarts.
     */
    public ControlCenterLauncher(String classpath, List<String> args, Path home, int port) {
        this.classpath = classpath;
        this.args = List.copyOf(args);
        this.home = home;
        this.port = port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path home() {
        return home;
    }

    /** Starts the process and waits (at most {@code ready}) until {@code /actuator/health} answers 200. */
    public synchronized void start(Duration ready) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("UNITIZE-DRILL-002 the control center is running (pid " + process.pid() + "); stop or kill it first");
        }
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            cmd.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--")); // dies with the drill's JVM
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-DJM.SNAPSHOT.PATH=" + home,
                "-Dnacos.logging.path=" + home.resolve("logs"), "-cp", classpath, MAIN, "--server.port=" + port,
                "--server.address=127.0.0.1"));
        cmd.addAll(args);
        starts++;
        Path log = home.resolve("control-center-" + starts + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(ready, log);
    }

    private void awaitReady(Duration ready, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + ready.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("UNITIZE-DRILL-003 the control center exited with " + process.exitValue()
                        + " while starting; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("UNITIZE-DRILL-004 the control center was not ready within " + ready + "; see " + log.toAbsolutePath());
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL from outside (no shutdown hook runs); returns the exit code (137). */
    public synchronized int sigkill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("UNITIZE-DRILL-005 the control center (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
