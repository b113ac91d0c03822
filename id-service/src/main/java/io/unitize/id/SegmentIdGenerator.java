package io.unitize.id;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Database segments per business tag, Leaf style, with the unit in the low bits:
 * {@code id = value << unitBits | unitIndex}, so {@link #unitOf(long, int)} reads the unit back and two
 * units never produce the same ID even though each allocates its own increasing values.
 * <ul>
 *   <li>double buffer: when {@code prefetchAt} of the current segment is used, the next one is
 *       fetched in the background, so callers do not wait for the database;</li>
 *   <li>adaptive step: a segment used up faster than {@code targetSegmentDuration / 2} doubles the
 *       next step (up to {@code maxStep}); slower than twice the target halves it (down to
 *       {@code minStep}).</li>
 * </ul>
 * Values of a segment not handed out when the process stops are skipped, never reused.
 */
public final class SegmentIdGenerator {

    private static final Logger log = LoggerFactory.getLogger(SegmentIdGenerator.class);

    private final SegmentStore store;
    private final String tag;
    private final String unitCode;
    private final int unitIndex;
    private final int unitBits;
    private final int minStep;
    private final int maxStep;
    private final double prefetchAt;
    private final long targetNanos;
    private final Executor executor;
    private final LongSupplier nanoClock;

    private Segment current;
    private long nextValue;
    private long currentStartedAt;
    private int step;
    private CompletableFuture<Segment> next;
    private volatile long issued; // written under the lock only
    private final java.util.concurrent.atomic.LongAdder fetches = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder fetchFailures = new java.util.concurrent.atomic.LongAdder();

    public SegmentIdGenerator(SegmentStore store, String tag, String unitCode, int unitIndex, int unitBits, int minStep,
                              int maxStep, Duration targetSegmentDuration, Executor executor) {
        this(store, tag, unitCode, unitIndex, unitBits, minStep, maxStep, 0.1, targetSegmentDuration, executor, System::nanoTime);
    }

    SegmentIdGenerator(SegmentStore store, String tag, String unitCode, int unitIndex, int unitBits, int minStep, int maxStep,
                       double prefetchAt, Duration targetSegmentDuration, Executor executor, LongSupplier nanoClock) {
        if (unitIndex < 0 || unitIndex >= (1 << unitBits)) {
            throw new IllegalArgumentException("unitIndex must be within 0.." + ((1 << unitBits) - 1) + ", but was " + unitIndex);
        }
        if (minStep <= 0 || maxStep < minStep) {
            throw new IllegalArgumentException("need 0 < minStep <= maxStep, but were " + minStep + ", " + maxStep);
        }
        this.store = store;
        this.tag = tag;
        this.unitCode = unitCode;
        this.unitIndex = unitIndex;
        this.unitBits = unitBits;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.prefetchAt = prefetchAt;
        this.targetNanos = targetSegmentDuration.toNanos();
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.step = minStep;
    }

    /** The unit index carried by an ID of this mode. */
    public static int unitOf(long id, int unitBits) {
        return (int) (id & ((1L << unitBits) - 1));
    }

    /**
     * The next ID of the tag.
     *
     * @throws UnknownTagException if the tag is not registered
     * @throws IdServiceUnavailableException if no segment can be had from the store
     */
    public synchronized long nextId() {
        if (current == null || nextValue > current.last()) {
            switchSegment();
        }
        long value = nextValue++;
        issued++;
        if (next == null && nextValue - current.first() >= (long) (current.size() * prefetchAt)) {
            prefetch();
        }
        return value << unitBits | unitIndex;
    }

    /** Fills {@code into} with consecutive IDs of the tag (one lock for the whole batch). */
    public synchronized void nextIds(long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = nextId();
        }
    }

    /** IDs issued by this generator. */
    public long issuedCount() {
        return issued;
    }

    /** Segments asked of the store (each a database round trip), whether they arrived or not. */
    public long segmentFetchCount() {
        return fetches.sum();
    }

    /** Segment requests that failed (the store was unreachable or refused). */
    public long segmentFetchFailureCount() {
        return fetchFailures.sum();
    }

    /** The tag this generator serves. */
    public String tag() {
        return tag;
    }

    /** The step the next segment will be asked with. */
    public synchronized int step() {
        return step;
    }

    private void prefetch() {
        int size = step;
        next = CompletableFuture.supplyAsync(() -> allocate(size), executor);
    }

    private void switchSegment() {
        long now = nanoClock.getAsLong();
        if (current != null) {
            adapt(now - currentStartedAt);
        }
        Segment s;
        if (next == null) {
            s = allocate(step);
        } else {
            try {
                s = next.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                next = null;
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IdServiceUnavailableException("UNITIZE-ID-011 cannot get the next segment of " + tag, e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                next = null;
                throw new IdServiceUnavailableException("UNITIZE-ID-011 the next segment of " + tag
                        + " did not arrive within 10 s; check unit " + unitCode + "'s database", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdServiceUnavailableException("interrupted while waiting for a segment of " + tag, e);
            }
            next = null;
        }
        current = s;
        nextValue = s.first();
        currentStartedAt = now;
    }

    private Segment allocate(int size) {
        fetches.increment();
        try {
            return store.allocate(tag, unitCode, size);
        } catch (RuntimeException e) {
            fetchFailures.increment();
            throw e;
        }
    }

    private void adapt(long usedNanos) {
        int old = step;
        if (usedNanos < targetNanos / 2 && step < maxStep) {
            step = (int) Math.min((long) step * 2, maxStep);
        } else if (usedNanos > targetNanos * 2 && step > minStep) {
            step = Math.max(step / 2, minStep);
        }
        if (old != step) {
            log.debug("tag {} in unit {}: step {} -> {} (segment used in {} ms)", tag, unitCode, old, step, usedNanos / 1_000_000);
        }
    }
}
