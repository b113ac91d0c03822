package io.unitize.core.rules;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a {@link RulesApplier} (and so of the Nacos {@code RulesSubscriber} or the
 * {@link FileRulesSource} around it): applied documents and each kind of refusal, the last
 * refusal's reason and when it happened. Cheap to read; a Micrometer binder in a starter can expose them.
 */
public final class RulesMetrics {

    private final LongAdder applied = new LongAdder();
    private final LongAdder rejectedInvalid = new LongAdder();
    private final LongAdder rejectedStale = new LongAdder();
    private final LongAdder listenerFailures = new LongAdder();
    private final LongAdder snapshotLoads = new LongAdder();
    private final AtomicReference<String> lastRejection = new AtomicReference<>();
    private final AtomicReference<Instant> lastRejectionAt = new AtomicReference<>();
    private final AtomicLong seenVersion = new AtomicLong();

    void seen(long version) {
        seenVersion.accumulateAndGet(version, Math::max);
    }

    void applied() {
        applied.increment();
    }

    void rejectedInvalid(String reason, Instant at) {
        rejectedInvalid.increment();
        lastRejection.set(reason);
        lastRejectionAt.set(at);
    }

    void rejectedStale(String reason, Instant at) {
        rejectedStale.increment();
        lastRejection.set(reason);
        lastRejectionAt.set(at);
    }

    void listenerFailed(String reason, Instant at) {
        listenerFailures.increment();
        lastRejection.set(reason);
        lastRejectionAt.set(at);
    }

    void snapshotLoaded() {
        snapshotLoads.increment();
    }

    /** Documents put in force. */
    public long appliedCount() {
        return applied.sum();
    }

    /** Pushed documents refused as malformed or invalid. */
    public long rejectedInvalidCount() {
        return rejectedInvalid.sum();
    }

    /** Pushed documents refused because their version was not newer. */
    public long rejectedStaleCount() {
        return rejectedStale.sum();
    }

    /** Documents that a listener failed to put in force (the previous version stayed). */
    public long listenerFailureCount() {
        return listenerFailures.sum();
    }

    /** Times the local snapshot file was used because the source (Nacos) could not be read at start. */
    public long snapshotLoadCount() {
        return snapshotLoads.sum();
    }

    /**
     * The newest version read from Nacos or the snapshot file in a well-formed document, applied or
     * not (0 before any): with the applied version it tells how far behind this agent is.
     */
    public long seenVersion() {
        return seenVersion.get();
    }

    /** The reason of the last refusal, or null. */
    public String lastRejection() {
        return lastRejection.get();
    }

    /** When the last refusal happened (on the applier's clock), or null. */
    public Instant lastRejectionAt() {
        return lastRejectionAt.get();
    }
}
