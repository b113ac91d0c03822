package io.unitize.controlcenter.cutover;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most one task per id at a time on daemon threads named {@code prefix-N} (one thread per
 * cutover or grey plan being driven); {@link #close()} interrupts them and waits up to 5 s.
 */
public final class OnePerId implements AutoCloseable {

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;

    public OnePerId(String prefix) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public boolean isRunning(String id) {
        return running.contains(id);
    }

    /** Runs {@code task} unless one for {@code id} runs already; {@code after} runs when it ends, however it ends. */
    public void launch(String id, Runnable task, Runnable after) {
        if (running.add(id)) {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    running.remove(id);
                    after.run();
                }
            });
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
