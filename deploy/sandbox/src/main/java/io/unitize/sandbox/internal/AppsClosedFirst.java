package io.unitize.sandbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What runs on a sandbox's servers and is stopped before them, the last added first. Thread-safe. */
public final class AppsClosedFirst {

    private final List<AutoCloseable> apps = new ArrayList<>();

    public synchronized void add(AutoCloseable app) {
        apps.add(app);
    }

    /** Closes every app, the last added first; a failure is reported and the rest are closed anyway. */
    public void closeAll(Consumer<String> progress) {
        List<AutoCloseable> copy;
        synchronized (this) {
            copy = new ArrayList<>(apps);
        }
        for (int i = copy.size() - 1; i >= 0; i--) {
            try {
                copy.get(i).close();
            } catch (Exception e) {
                progress.accept("sandbox: closing " + copy.get(i) + " failed (" + e + "); stopping the servers anyway");
            }
        }
    }
}
