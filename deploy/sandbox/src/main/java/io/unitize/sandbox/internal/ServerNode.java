package io.unitize.sandbox.internal;

import java.util.List;
import java.util.function.Consumer;

/** One server of one unit: started, stopped and killed as a whole, on stable ports and data. */
public interface ServerNode {

    String name();

    /**
     * Starts the server and returns once it answers; throws {@code SandboxStartException} otherwise
     * (retryable when the process died or was not ready in time). Coded notes go to {@code log}.
     */
    void start(Consumer<String> log);

    /**
     * Called after a retryable failed start, once its processes are killed, to make the next start
     * clean: a server that never came up may drop its half-made data. Returns words for the log
     * line saying what the retry starts from.
     */
    default String prepareRetry() {
        return "on the same data";
    }

    /** Stops the server cleanly (SIGTERM, then SIGKILL after a grace period). */
    void stop();

    /** Kills the server's processes at once, as a crash would. */
    void kill();

    /** The live processes of this server. */
    List<ManagedProcess> processes();
}
