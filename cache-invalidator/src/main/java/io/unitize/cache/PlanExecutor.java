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
        batchDeleted(plan.oldestCommit());
    }

    /**
     * Deletes {@code keysByUnit} in every unit, retrying each unit until it succeeds — but a parked unit
     * ({@link ParkedUnits}: it homes no buyer and its Redis has kept failing) is not waited for: its keys
     * are kept for it and tried again later ({@link #retryParked}).
     */
    public void executeNow(Map<String, Set<String>> keysByUnit) throws InterruptedException {
        Map<String, Set<String>> pending = keysByUnit;
        Duration backoff = initialBackoff;
        while (true) {
            Attempt attempt = tryOnce(pending);
            if (attempt.left().isEmpty()) {
                return;
            }
            for (Map.Entry<String, String> f : attempt.failures().entrySet()) {
                log.warn("UNITIZE-CACHE-044 deleting {} keys in unit {} failed: {}; retrying in {} ms, binlog position kept",
                        attempt.left().get(f.getKey()).size(), f.getKey(), f.getValue(), backoff.toMillis());
            }
            pending = attempt.left();
            retries.increment();
            sleeper.sleep(backoff);
            backoff = nextBackoff(backoff);
        }
    }

    /**
     * What one try of a set of deletes left: the units whose Redis failed with their keys (to try again),
     * and why each failed.
     */
    public record Attempt(Map<String, Set<String>> left, Map<String, String> failures) {
    }

    /**
     * One try of {@code keysByUnit} in every unit, never waiting: a parked unit's keys are kept for it
     * (and a unit parked before that homes buyers again gets its kept keys back into the try); a unit
     * whose delete fails and is not parked now is left, with its keys, for the caller to try again.
     */
    public Attempt tryOnce(Map<String, Set<String>> keysByUnit) throws InterruptedException {
        Map<String, Set<String>> pending = new LinkedHashMap<>(keysByUnit);
        pending.values().removeIf(Set::isEmpty);
        parked.takeParked(pending); // re-read every try: a failover may move the unit's buyers away while it is retried
        Map<String, String> failures = new LinkedHashMap<>();
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
                } else {
                    failures.put(e.getKey(), failure.toString());
                }
            }
        }
        return new Attempt(pending, failures);
    }

    /** The wait before the first retry of a failed delete. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The wait after {@code backoff}: twice as long, at most the maximum. */
    public Duration nextBackoff(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }

    /** A batch whose oldest change committed at {@code oldestCommit} (ms; 0 for none) is deleted in every unit: its lag is recorded. */
    public void batchDeleted(long oldestCommit) {
        if (oldestCommit > 0) {
            long lag = clockMillis.getAsLong() - oldestCommit;
            lastLagMillis = lag;
            for (java.util.function.LongConsumer l : lagListeners) {
                l.accept(lag);
            }
        }
    }

    /** Counts one more retry round of a failed delete. */
    void retried() {
        retries.increment();
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

    /** Hands every batch's invalidation lag (ms, oldest commit -> keys deleted) to {@code listener}. */
    public void onLag(java.util.function.LongConsumer listener) {
        lagListeners.add(listener);
    }

    /** Commit of the last batch's oldest change -> its keys deleted, in ms. */
    public long lastLagMillis() {
        return lastLagMillis;
    }
}
