package io.unitize.sandbox.internal;

import java.util.List;

/** One server of one unit: started, stopped and killed as a whole, on stable ports and data. */
public interface ServerNode {

    String name();

    /** Starts the server and returns once it answers; throws {@code SandboxStartException} otherwise. */
    void start();

    /** Stops the server cleanly (SIGTERM, then SIGKILL after a grace period). */
    void stop();

    /** Kills the server's processes at once, as a crash would. */
    void kill();

    /** The live processes of this server. */
    List<ManagedProcess> processes();
}
