package io.unitize.controlcenter.integrity.lag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs {@link HeartbeatMonitor#tick()} every {@code interval} on a daemon thread of its own. */
public final class HeartbeatLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unitize-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public HeartbeatLoop(HeartbeatMonitor monitor, Duration interval) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                monitor.tick();
            } catch (RuntimeException e) {
                log.warn("UNITIZE-CC-202 heartbeat round failed: {}. Next: retried at the next round", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
