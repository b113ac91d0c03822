package io.unitize.controlcenter.integrity.datacheck;

import java.util.function.LongSupplier;

/**
 * Keeps a reader under {@code rowsPerSecond} on average since it started: after each batch it sleeps
 * as long as it is ahead of that pace.
 */
public final class Pacer {

    /** Sleeps (injectable for tests). */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final int rowsPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long start;
    private long rows;

    public Pacer(int rowsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (rowsPerSecond <= 0) {
            throw new IllegalArgumentException("rowsPerSecond must be > 0, but was " + rowsPerSecond);
        }
        this.rowsPerSecond = rowsPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.start = nanoTime.getAsLong();
    }

    public static Pacer realTime(int rowsPerSecond) {
        return new Pacer(rowsPerSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    /** Counts {@code n} rows read and waits until the pace allows the next batch. */
    public void consumed(long n) throws InterruptedException {
        rows += n;
        long due = start + rows * 1_000_000_000L / rowsPerSecond;
        long ahead = due - nanoTime.getAsLong();
        if (ahead > 0) {
            sleeper.sleepNanos(ahead);
        }
    }

    public long rows() {
        return rows;
    }
}
