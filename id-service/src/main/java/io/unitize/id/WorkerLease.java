package io.unitize.id;

/** A worker id held by this process for a limited time, renewed in the background. */
public interface WorkerLease extends AutoCloseable {

    int worker();

    /** Whether the lease is still held (a volatile read: cheap enough for every ID). */
    boolean isHeld();

    /** Gives the worker id back. */
    @Override
    void close();
}
