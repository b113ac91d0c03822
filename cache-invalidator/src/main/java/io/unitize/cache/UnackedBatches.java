package io.unitize.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The binlog batches read but not yet acknowledged, so that one unit whose Redis fails does not hold
 * back the other units' deletes. Each batch's keys are deleted at once in every unit that keeps up; a
 * unit whose delete fails falls <em>behind</em>: its keys of this and every later batch wait in its
 * lane, retried apart ({@link #retryDue}, off the binlog thread) with backoff, while the binlog goes on
 * being read and the other units' keys go on being deleted. A batch is acknowledged only when its keys
 * are deleted in every unit (or kept for a parked one, {@link ParkedUnits}), and batches are
 * acknowledged in the order they were read ({@link #takeDone}): the acknowledged position never passes
 * a change some unit still misses, so a restart delivers it again (a delete is idempotent). At most
 * {@code maxBatches} wait: then the binlog thread stops reading until a lane catches up ({@link #full}).
 *
 * <p>Thread-safe; no delete runs while the lock is held (a Redis that does not answer costs its command
 * timeout to the thread that tried, never to the others).
 */
public final class UnackedBatches {

    /** A batch deleted in every unit: acknowledge {@code batchId}. */
    public record Done(long batchId, long oldestCommit, int changes) {
    }

    private static final Logger log = LoggerFactory.getLogger(UnackedBatches.class);

    private static final class Batch {
        final long id;
        final long oldestCommit;
        final int changes;
        final Set<String> unitsLeft = new HashSet<>();

        Batch(long id, long oldestCommit, int changes) {
            this.id = id;
            this.oldestCommit = oldestCommit;
            this.changes = changes;
        }
    }

    /** Keys a unit behind still has to delete, with the batch they hold back (null: a batch no longer waiting, or none). */
    private record Entry(Batch batch, Set<String> keys) {
    }

    private static final class Lane {
        final List<Entry> entries = new ArrayList<>();
        Duration backoff;
        long nextTryAt;
        boolean trying;
        String lastFailure;

        Lane(Duration backoff, long nextTryAt, String failure) {
            this.backoff = backoff;
            this.nextTryAt = nextTryAt;
            this.lastFailure = failure;
        }
    }

    private final PlanExecutor executor;
    private final int maxBatches;
    private final LongSupplier clockMillis;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private final Map<String, Lane> behind = new LinkedHashMap<>();

    public UnackedBatches(PlanExecutor executor, int maxBatches, LongSupplier clockMillis) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches must be at least 1, was " + maxBatches);
        }
        this.executor = executor;
        this.maxBatches = maxBatches;
        this.clockMillis = clockMillis;
    }

    /**
     * Takes a batch read from the binlog: its keys are tried once in every unit that is not behind; a
     * unit that is behind, or whose delete fails now, gets them in its lane and holds the batch back.
     */
    public void add(long batchId, InvalidationPlan plan) throws InterruptedException {
        Batch batch = new Batch(batchId, plan.oldestCommit(), plan.changes());
        Map<String, Set<String>> tryNow = new LinkedHashMap<>();
        synchronized (this) {
            for (Map.Entry<String, Set<String>> e : plan.now().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                Lane lane = behind.get(e.getKey());
                if (lane != null) {
                    lane.entries.add(new Entry(batch, Set.copyOf(e.getValue())));
                    batch.unitsLeft.add(e.getKey());
                } else {
                    tryNow.put(e.getKey(), e.getValue());
                    batch.unitsLeft.add(e.getKey());
                }
            }
            batches.addLast(batch);
        }
        if (tryNow.isEmpty()) {
            return;
        }
        PlanExecutor.Attempt attempt = executor.tryOnce(tryNow);
        synchronized (this) {
            batch.unitsLeft.removeAll(tryNow.keySet());
            fallBehind(attempt, batch);
        }
    }

    /**
     * Deletes keys once more (the delayed second delete): tried once where the unit keeps up, added to
     * its lane where it is behind; holds back no batch.
     */
    public void deleteAgain(Map<String, Set<String>> keysByUnit) throws InterruptedException {
        Map<String, Set<String>> tryNow = new LinkedHashMap<>();
        synchronized (this) {
            for (Map.Entry<String, Set<String>> e : keysByUnit.entrySet()) {
                Lane lane = behind.get(e.getKey());
                if (lane != null) {
                    lane.entries.add(new Entry(null, Set.copyOf(e.getValue())));
                } else if (!e.getValue().isEmpty()) {
                    tryNow.put(e.getKey(), e.getValue());
                }
            }
        }
        if (!tryNow.isEmpty()) {
            PlanExecutor.Attempt attempt = executor.tryOnce(tryNow);
            synchronized (this) {
                fallBehind(attempt, null);
            }
        }
    }

    /** One try of every lane whose backoff is due (and of the keys kept for parked units); call it from a thread of its own. */
    public void retryDue() throws InterruptedException {
        executor.retryParked();
        Map<String, List<Entry>> due = new LinkedHashMap<>();
        synchronized (this) {
            long now = clockMillis.getAsLong();
            for (Map.Entry<String, Lane> e : behind.entrySet()) {
                Lane lane = e.getValue();
                if (!lane.trying && now >= lane.nextTryAt) {
                    lane.trying = true;
                    due.put(e.getKey(), List.copyOf(lane.entries));
                }
            }
        }
        for (Map.Entry<String, List<Entry>> d : due.entrySet()) {
            String unit = d.getKey();
            Set<String> keys = new LinkedHashSet<>();
            d.getValue().forEach(en -> keys.addAll(en.keys()));
            Map<String, Set<String>> one = new LinkedHashMap<>();
            one.put(unit, keys);
            PlanExecutor.Attempt attempt = executor.tryOnce(one);
            synchronized (this) {
                Lane lane = behind.get(unit);
                lane.trying = false;
                if (attempt.left().containsKey(unit)) {
                    executor.retried();
                    lane.lastFailure = attempt.failures().get(unit);
                    log.warn("UNITIZE-CACHE-044 deleting {} keys in unit {} failed: {}; retrying in {} ms; the binlog position is kept"
                                    + " ({} batches wait for this unit, the other units' deletes go on)", keys.size(), unit, lane.lastFailure,
                            lane.backoff.toMillis(), waitingFor(lane));
                    lane.nextTryAt = clockMillis.getAsLong() + lane.backoff.toMillis();
                    lane.backoff = executor.nextBackoff(lane.backoff);
                } else {
                    int released = 0;
                    for (Entry en : d.getValue()) {
                        lane.entries.remove(en);
                        if (en.batch() != null && en.batch().unitsLeft.remove(unit)) {
                            released++;
                        }
                    }
                    if (lane.entries.isEmpty()) {
                        behind.remove(unit);
                        log.info("UNITIZE-CACHE-045 unit {} keeps up again: {} keys deleted, {} batches released", unit, keys.size(), released);
                    } else {
                        lane.nextTryAt = 0; // keys added while this try ran: next round
                    }
                }
                Map<String, Set<String>> others = new LinkedHashMap<>(attempt.left());
                others.remove(unit);
                Map<String, String> why = new LinkedHashMap<>(attempt.failures());
                why.remove(unit);
                fallBehind(new PlanExecutor.Attempt(others, why), null);
            }
        }
    }

    /** The batches at the head deleted in every unit, in the order read: acknowledge them in this order. */
    public List<Done> takeDone() {
        List<Done> done = new ArrayList<>();
        synchronized (this) {
            while (!batches.isEmpty() && batches.peekFirst().unitsLeft.isEmpty()) {
                Batch b = batches.removeFirst();
                done.add(new Done(b.id, b.oldestCommit, b.changes));
            }
        }
        for (Done d : done) {
            executor.batchDeleted(d.oldestCommit());
        }
        return done;
    }

    /** Whether {@code maxBatches} wait: read no more until a lane catches up. */
    public synchronized boolean full() {
        return batches.size() >= maxBatches;
    }

    /** How many batches are read and not acknowledged. */
    public synchronized int waiting() {
        return batches.size();
    }

    /** The units behind now. */
    public synchronized Set<String> unitsBehind() {
        return Set.copyOf(behind.keySet());
    }

    /**
     * The binlog connection was lost: Canal delivers every unacknowledged batch again, so none is waited
     * for any more; the lanes keep their keys (deleted once more when the unit answers, which is harmless).
     */
    public synchronized void forgetBatches() {
        batches.clear();
        for (Lane lane : behind.values()) {
            lane.entries.replaceAll(en -> en.batch() == null ? en : new Entry(null, en.keys()));
        }
    }

    private void fallBehind(PlanExecutor.Attempt attempt, Batch batch) {
        for (Map.Entry<String, Set<String>> e : attempt.left().entrySet()) {
            String unit = e.getKey();
            Lane lane = behind.get(unit);
            if (lane == null) {
                String why = attempt.failures().getOrDefault(unit, "failed");
                lane = new Lane(executor.nextBackoff(executor.initialBackoff()), clockMillis.getAsLong() + executor.initialBackoff().toMillis(),
                        why);
                behind.put(unit, lane);
                log.warn("UNITIZE-CACHE-043 deleting {} keys in unit {} failed: {}; the unit falls behind: its keys wait and are retried in {} ms"
                                + " with backoff, the binlog position is kept until they are deleted, the other units' deletes go on", e.getValue().size(),
                        unit, why, executor.initialBackoff().toMillis());
            }
            lane.entries.add(new Entry(batch, Set.copyOf(e.getValue())));
        }
        if (batch != null) {
            Set<String> left = attempt.left().keySet();
            batch.unitsLeft.addAll(left);
        }
    }

    private static int waitingFor(Lane lane) {
        int n = 0;
        for (Entry en : lane.entries) {
            if (en.batch() != null) {
                n++;
            }
        }
        return n;
    }
}
