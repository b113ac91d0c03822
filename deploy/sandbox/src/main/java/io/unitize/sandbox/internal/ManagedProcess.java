package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One operating-system process of the sandbox: started with its output in a log file, waited
 * for until a readiness check passes (failing fast, with the log's tail, when it dies first),
 * and stopped by its own PID (SIGTERM, then SIGKILL after a grace period), descendants included.
 * It is started through {@link ProcessLauncher}, so it dies with this JVM even after a SIGKILL.
 */
public final class ManagedProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path log;
    private Process process;

    public ManagedProcess(String name, List<String> command, Path workDir, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the process; output (stdout and stderr) is appended to the log file. */
    public void start() {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            process = ProcessLauncher.start(pb);
            ProcessRegistry.register(this);
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-001 could not start " + name + ": " + e.getMessage()
                    + " (command: " + String.join(" ", command) + ")", e);
        }
    }

    /**
     * Waits until {@code ready} holds, polling; fails when the process exits first or the timeout
     * passes. On a busy machine the timeout is widened ({@link Patience}), said once through {@code say}.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout, Consumer<String> say) {
        long t0 = System.nanoTime();
        boolean widenedSaid = false;
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new SandboxStartException("UNITIZE-SANDBOX-002 " + name + " exited with code " + process.exitValue()
                        + " before it was ready; log " + log() + ":\n" + tail(40), null, true);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            if (waited.compareTo(timeout) > 0) {
                Duration limit = Patience.widened(timeout);
                if (waited.compareTo(limit) > 0) {
                    stop();
                    throw new SandboxStartException("UNITIZE-SANDBOX-003 " + name + " was not ready within " + limit.toSeconds()
                            + " s (" + Patience.describeLoad() + "); log " + log() + ":\n" + tail(40), null, true);
                }
                if (!widenedSaid) {
                    widenedSaid = true;
                    say.accept("UNITIZE-SANDBOX-051 " + name + " is not ready after " + timeout.toSeconds() + " s and the machine is"
                            + " busy (" + Patience.describeLoad() + "): waiting up to " + limit.toSeconds() + " s; free CPU or raise -D"
                            + Patience.FACTOR_PROPERTY + " if it still times out");
                }
            }
            sleep(100);
        }
    }

    /** Whether the log file contains {@code marker} (for servers that print a ready line). */
    public boolean logContains(String marker) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process and its descendants: SIGTERM, then SIGKILL after the grace period. Idempotent. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle d : descendants) {
            d.destroyForcibly();
        }
        ProcessRegistry.unregister(this);
    }

    /** Waits until the process has exited, at most {@code max}; returns whether it has. */
    public boolean awaitExit(Duration max) {
        Process p = process;
        if (p == null) {
            return true;
        }
        try {
            return p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would, for fault tests. */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessRegistry.unregister(this);
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxStartException("UNITIZE-SANDBOX-004 interrupted while waiting", e);
        }
    }
}
