package io.unitize.cache.canal;

import io.unitize.cache.InvalidationPlan;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.UnackedBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unit's invalidator: reads batches of its binlog, deletes their keys in every unit in scope,
 * schedules the delayed second deletes, and acknowledges each batch only when its keys are deleted in
 * every unit, in the order read ({@link UnackedBatches}). A unit whose Redis fails falls behind and is
 * retried apart, on a thread of its own, while the binlog goes on being read and the other units' keys
 * go on being deleted (a lost unit's Redis does not hold back the surviving units' invalidation); at
 * most {@code maxUnacked} batches wait for it. A Canal failure rolls back every unacknowledged batch and
 * reconnects with backoff; the server resumes from the last acknowledged position, so nothing is skipped
 * and nothing is acknowledged early.
 */
public final class BinlogInvalidator implements AutoCloseable {

    /** Batches read and not acknowledged at most, while a unit is behind. */
    public static final int DEFAULT_MAX_UNACKED = 1000;

    private static final Logger log = LoggerFactory.getLogger(BinlogInvalidator.class);

    private final CanalBinlogSource source;
    private final InvalidationPlanner planner;
    private final PlanExecutor executor;
    private final ScheduledExecutorService delayed;
    private final UnackedBatches window;
    private final AtomicLong batchesAcked = new AtomicLong();
    private final AtomicLong changesSeen = new AtomicLong();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile long caughtUpAtMillis; // last time nothing read was left unacknowledged (an empty read or an acknowledged batch)
    private Thread thread;
    private ScheduledExecutorService retrier;

    public BinlogInvalidator(CanalBinlogSource source, InvalidationPlanner planner, PlanExecutor executor, ScheduledExecutorService delayed) {
        this(source, planner, executor, delayed, DEFAULT_MAX_UNACKED);
    }

    /** @param maxUnacked batches read and not acknowledged at most, while a unit is behind (then reading waits) */
    public BinlogInvalidator(CanalBinlogSource source, InvalidationPlanner planner, PlanExecutor executor, ScheduledExecutorService delayed,
                             int maxUnacked) {
        this.source = source;
        this.planner = planner;
        this.executor = executor;
        this.delayed = delayed;
        this.window = new UnackedBatches(executor, maxUnacked, System::currentTimeMillis);
    }

    public synchronized BinlogInvalidator start(String name) {
        running = true;
        retrier = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "unitize-invalidator-" + name + "-retry");
            t.setDaemon(true);
            return t;
        });
        retrier.scheduleWithFixedDelay(this::retryBehind, 20, 20, TimeUnit.MILLISECONDS);
        thread = new Thread(this::run, "unitize-invalidator-" + name);
        thread.start();
        return this;
    }

    private void retryBehind() {
        try {
            window.retryDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("UNITIZE-CACHE-047 retrying the deletes of units behind failed: {}; tried again in 20 ms", e.toString(), e);
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                source.connect();
                connected = true;
                backoff = Duration.ofMillis(200);
                boolean waitedFull = false;
                while (running) {
                    acknowledgeDone();
                    if (window.full()) {
                        if (!waitedFull) {
                            log.warn("UNITIZE-CACHE-046 {} binlog batches wait for unit(s) {} to delete their keys: the binlog is not read further"
                                    + " until they catch up; next: bring their Redis back (a lost unit is parked once it homes no buyer)",
                                    window.waiting(), window.unitsBehind());
                            waitedFull = true;
                        }
                        Thread.sleep(20);
                        continue;
                    }
                    waitedFull = false;
                    CanalBinlogSource.Batch batch = source.next(1000, 20); // Canal waits for a full batch or the timeout: a short one keeps the lag low
                    if (batch.id() == -1) {
                        if (window.waiting() == 0) {
                            caughtUpAtMillis = System.currentTimeMillis();
                        }
                        continue;
                    }
                    InvalidationPlan plan = planner.plan(batch.changes());
                    window.add(batch.id(), plan); // deleted in every unit that keeps up; a unit behind gets them in its lane
                    for (Map.Entry<Duration, Map<String, Set<String>>> later : plan.later().entrySet()) {
                        delayed.schedule(() -> {
                            try {
                                window.deleteAgain(later.getValue());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, later.getKey().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                connected = false;
                window.forgetBatches(); // Canal delivers them again after the reconnect
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

    private void acknowledgeDone() {
        for (UnackedBatches.Done d : window.takeDone()) {
            source.ack(d.batchId());
            batchesAcked.incrementAndGet();
            changesSeen.addAndGet(d.changes());
        }
        if (window.waiting() == 0) {
            caughtUpAtMillis = System.currentTimeMillis();
        }
    }

    /** The batches read and not yet acknowledged, and the units they wait for. */
    public UnackedBatches unacked() {
        return window;
    }

    /** Whether the last connection to Canal is up (false before the first and after a read failed, until reconnected). */
    public boolean connected() {
        return connected && running;
    }

    /**
     * Epoch millis of the last time the invalidator had read everything Canal had and nothing read was
     * left unacknowledged (an empty read or an acknowledged batch with no unit behind); 0 before the
     * first. Its age is how far the acknowledged position may lag.
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
        if (retrier != null) {
            retrier.shutdownNow();
        }
        source.close();
    }
}
