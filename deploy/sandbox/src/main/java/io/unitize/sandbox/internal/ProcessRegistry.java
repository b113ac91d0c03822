package io.unitize.sandbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the sandbox started in this JVM, stopped by a shutdown hook if the owner did not
 * stop them (Ctrl-C, a test JVM ending, a failed start). Child JVMs additionally watch this
 * JVM's PID and end themselves if it is killed outright.
 */
final class ProcessRegistry {

    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

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

    static void stopAll() {
        List<ManagedProcess> all = new ArrayList<>(LIVE);
        all.parallelStream().forEach(ManagedProcess::stop);
    }
}
