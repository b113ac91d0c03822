package io.unitize.sandbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the sandbox started in this JVM, stopped by a shutdown hook if the owner did not
 * stop them (Ctrl-C, a test JVM ending, a failed start). Child JVMs additionally watch this
 * JVM's PID and end themselves if it is killed outright.
 *
 * <p>The hook first closes every sandbox still open, each in its own order (what it was told to close
 * first, then its servers, the databases last and with a clean SHUTDOWN), and only then stops any
 * process left: JVM shutdown hooks run at the same time, so stopping the processes directly would
 * take the databases down under the applications an owner's own hook is still stopping.
 */
public final class ProcessRegistry {

    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<AutoCloseable> OWNERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::stopAll, "unitize-sandbox-reaper"));
    }

    private ProcessRegistry() {
    }

    static void register(ManagedProcess p) {
        LIVE.add(p);
    }

    static void unregister(ManagedProcess p) {
        LIVE.remove(p);
    }

    /** A sandbox that the hook closes (its own orderly stop) before it stops leftover processes. */
    public static void registerOwner(AutoCloseable sandbox) {
        OWNERS.add(sandbox);
    }

    public static void unregisterOwner(AutoCloseable sandbox) {
        OWNERS.remove(sandbox);
    }

    static void stopAll() {
        new ArrayList<>(OWNERS).parallelStream().forEach(o -> {
            try {
                o.close();
            } catch (Exception e) {
                // stopping anyway: the processes are stopped below
            }
        });
        List<ManagedProcess> all = new ArrayList<>(LIVE);
        all.parallelStream().forEach(ManagedProcess::stop);
    }
}
