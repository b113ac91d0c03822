package io.unitize.sandbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every server process of the sandbox so that it dies with this JVM, even when the JVM is
 * killed with SIGKILL and no shutdown hook runs: the command runs under
 * {@code setpriv --pdeathsig KILL --} (util-linux), which asks the kernel to send SIGKILL to the
 * server when its parent goes away.
 *
 * <p>Linux delivers that signal when the <em>thread</em> that started the process ends, not only
 * the process. So every process is started from one launcher thread that lives as long as this
 * JVM, never from a pooled thread (a ForkJoin worker that retires after a minute idle would take
 * a MariaDB with it).
 */
public final class ProcessLauncher {

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unitize-sandbox-launcher");
        t.setDaemon(true);
        return t;
    });

    /** The warning the sandbox prints once when {@link #diesWithOwner()} is false. */
    public static final String MISSING_SETPRIV = "UNITIZE-SANDBOX-060 " + SETPRIV + " not found: servers started now"
            + " (MariaDB and Redis above all) would outlive a kill -9 of this JVM; install util-linux, or after such a"
            + " kill stop the leftovers by PID (ps -ef | grep <run folder>)";

    private ProcessLauncher() {
    }

    /** Whether servers started here die with this JVM (setpriv is installed). */
    public static boolean diesWithOwner() {
        return Files.isExecutable(SETPRIV);
    }

    /**
     * Starts {@code pb} from the launcher thread, its command prefixed with setpriv's parent-death
     * signal when available (without it the command runs as is; the sandbox warns with
     * {@link #MISSING_SETPRIV}).
     */
    public static Process start(ProcessBuilder pb) throws IOException {
        List<String> command = new ArrayList<>(pb.command());
        if (diesWithOwner()) {
            List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
            wrapped.addAll(command);
            pb.command(wrapped);
        }
        Future<Process> started = LAUNCHER.submit(pb::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get(); // not abandoned on interrupt: a process started anyway would leak
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            pb.command(command);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
