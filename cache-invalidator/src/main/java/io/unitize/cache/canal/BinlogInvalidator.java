package io.unitize.cache.canal;

import io.unitize.cache.InvalidationPlan;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.PlanExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unit's invalidator: reads a batch of its binlog, deletes the keys in every unit in scope
 * (retrying until done), schedules the delayed second deletes, and only then acknowledges the batch.
 * A Canal failure rolls the batch back and reconnects with backoff; the server resumes from the last
 * acknowledged position, so nothing is skipped and nothing is acknowledged early.
 */
public final class BinlogInvalidator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BinlogInvalidator.class);

    private final CanalBinlogSource source;
    private final InvalidationPlanner planner;
    private final PlanExecutor executor;
    private final ScheduledExecutorService delayed;
    private final AtomicLong batchesAcked = new AtomicLong();
    private final AtomicLong changesSeen = new AtomicLong();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile long caughtUpAtMillis; // last time a read returned nothing new or a batch was acknowledged
    private Thread thread;

    public BinlogInvalidator(CanalBinlogSource source, InvalidationPlanner planner, PlanExecutor executor, ScheduledExecutorService delayed) {
        this.source = source;
        this.planner = planner;
        this.executor = executor;
        this.delayed = delayed;
    }

    public synchronized BinlogInvalidator start(String name) {
        running = true;
        thread = new Thread(this::run, "unitize-invalidator-" + name);
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                source.connect();
                connected = true;
                backoff = Duration.ofMillis(200);
                while (running) {
                    CanalBinlogSource.Batch batch = source.next(1000, 20); // Canal waits for a full batch or the timeout: a short one keeps the lag low
                    if (batch.id() == -1) {
                        caughtUpAtMillis = System.currentTimeMillis();
                        executor.retryParked(); // idle: the keys kept for a parked unit, when due
                        continue;
                    }
                    InvalidationPlan plan = planner.plan(batch.changes());
                    executor.retryParked();
                    executor.execute(plan); // returns when every key is deleted (a parked unit's are kept for it)
                    for (Map.Entry<Duration, Map<String, Set<String>>> later : plan.later().entrySet()) {
                        delayed.schedule(() -> {
                            try {
                                executor.executeNow(later.getValue());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, later.getKey().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    source.ack(batch.id());
                    caughtUpAtMillis = System.currentTimeMillis();
                    batchesAcked.incrementAndGet();
                    changesSeen.addAndGet(batch.changes().size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                connected = false;
                if (!running) {
                    return;
                }
                log.warn("UNITIZE-CACHE-010 binlog read failed: {}; reconnecting in {} ms from the last acknowledged position", e.toString(),
                        backoff.toMillis());
                source.close();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    /** Whether the last connection to Canal is up (false before the first and after a read failed, until reconnected). */
    public boolean connected() {
        return connected && running;
    }

    /**
     * Epoch millis of the last time the invalidator had read everything Canal had (an empty read or
     * an acknowledged batch); 0 before the first. Its age is how far the acknowledged position may lag.
     */
    public long caughtUpAtMillis() {
        return caughtUpAtMillis;
    }

    public long batchesAcked() {
        return batchesAcked.get();
    }

    public long changesSeen() {
        return changesSeen.get();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        connected = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
        source.close();
    }
}
