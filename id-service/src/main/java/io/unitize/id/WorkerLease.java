package io.unitize.id;

/** A worker id held by this process for a limited time, renewed in the background. */
public interface WorkerLease extends AutoCloseable {

    int worker();

    /** Whether the lease is still held (a volatile read: cheap enough for every ID). */
    boolean isHeld();

    /** Renewals that succeeded (0 for a lease that is not renewed). */
    default long renewalCount() {
        return 0;
    }

    /** Renewal attempts that failed (the lease is kept until its ttl passes). */
    default long renewalFailureCount() {
        return 0;
    }

    /** Gives the worker id back. */
    @Override
    void close();
}
