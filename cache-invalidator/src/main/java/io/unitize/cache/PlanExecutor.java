package io.unitize.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Deletes a plan's keys in every unit and returns only when all are deleted: a unit whose Redis is
 * down is retried with exponential backoff (units already done are not redone) for as long as it
 * takes, so the binlog consumer, which acknowledges the batch only after this returns, never
 * acknowledges early and never skips a change. The one exception is a parked unit
 * ({@link ParkedUnits}: it homes no buyer and its Redis has failed for a while, a unit lost and
 * failed over): its keys are kept and retried apart, so it does not hold back the other units' deletes.
 */
public final class PlanExecutor {

    /** Waits between retries; tests pass a fake. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

    private final KeyDeleter deleter;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final LongSupplier clockMillis;
    private final LongAdder keysDeleted = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile long lastLagMillis;
    private final java.util.List<java.util.function.LongConsumer> lagListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ParkedUnits parked;

    public PlanExecutor(KeyDeleter deleter, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper, LongSupplier clockMillis) {
        this(deleter, initialBackoff, maxBackoff, sleeper, clockMillis, ParkedUnits.never());
    }

    /** {@code parked}: the units no longer waited for (a unit that homes no buyer and whose Redis keeps failing). */
    public PlanExecutor(KeyDeleter deleter, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper, LongSupplier clockMillis,
                        ParkedUnits parked) {
        this.parked = parked;
        this.deleter = deleter;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.clockMillis = clockMillis;
    }

    public void execute(InvalidationPlan plan) throws InterruptedException {
        executeNow(plan.now());
        if (plan.oldestCommit() > 0) {
            long lag = clockMillis.getAsLong() - plan.oldestCommit();
            lastLagMillis = lag;
            for (java.util.function.LongConsumer l : lagListeners) {
                l.accept(lag);
            }
        }
    }

    /**
     * Deletes {@code keysByUnit} in every unit, retrying each unit until it succeeds — but a parked unit
     * ({@link ParkedUnits}: it homes no buyer and its Redis has kept failing) is not waited for: its keys
     * are kept for it and tried again later ({@link #retryParked}).
     */
    public void executeNow(Map<String, Set<String>> keysByUnit) throws InterruptedException {
        Map<String, Set<String>> pending = new LinkedHashMap<>(keysByUnit);
        pending.values().removeIf(Set::isEmpty);
        Duration backoff = initialBackoff;
        while (!pending.isEmpty()) {
            parked.takeParked(pending); // re-read every round: a failover may move the unit's buyers away while this waits
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Set<String>> e = it.next();
                try {
                    deleter.delete(e.getKey(), e.getValue());
                    keysDeleted.add(e.getValue().size());
                    parked.succeeded(e.getKey());
                    it.remove();
                } catch (InterruptedException ie) {
                    throw ie;
                } catch (Exception failure) {
                    errors.increment();
                    if (parked.failedAndParked(e.getKey(), e.getValue())) {
                        it.remove();
                        continue;
                    }
                    log.warn("UNITIZE-CACHE-020 deleting {} keys in unit {} failed: {}; retrying in {} ms, binlog position kept",
                            e.getValue().size(), e.getKey(), failure.toString(), backoff.toMillis());
                }
            }
            if (!pending.isEmpty()) {
                retries.increment();
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** One try of the keys kept for each parked unit that is due (at most every retry interval); never waits. */
    public void retryParked() throws InterruptedException {
        for (Map.Entry<String, Set<String>> e : parked.due().entrySet()) {
            try {
                deleter.delete(e.getKey(), e.getValue());
                keysDeleted.add(e.getValue().size());
                parked.deleted(e.getKey(), e.getValue());
            } catch (InterruptedException ie) {
                throw ie;
            } catch (Exception failure) {
                errors.increment(); // still down: kept, tried again later
            }
        }
    }

    public ParkedUnits parked() {
        return parked;
    }

    public long keysDeleted() {
        return keysDeleted.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Commit of the last batch's oldest change -> its keys deleted, in ms. */
    /** Also hands every batch's invalidation lag (ms, oldest commit -> keys deleted) to {@code listener}. */
    public void onLag(java.util.function.LongConsumer listener) {
        lagListeners.add(listener);
    }

    public long lastLagMillis() {
        return lastLagMillis;
    }
}
