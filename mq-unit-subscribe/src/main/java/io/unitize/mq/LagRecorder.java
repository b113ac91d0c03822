package io.unitize.mq;

import java.util.Arrays;

/** The most recent lags (ms) in a ring, for percentiles; thread-safe. */
public final class LagRecorder {

    private final long[] ring;
    private long count;
    private volatile long last = -1;

    public LagRecorder(int capacity) {
        this.ring = new long[capacity];
    }

    public synchronized void record(long millis) {
        ring[(int) (count++ % ring.length)] = millis;
        last = millis;
    }

    /** The last recorded lag, or -1. */
    public long last() {
        return last;
    }

    public synchronized long count() {
        return count;
    }

    /** The p-th percentile (0..100) of the recorded window, or -1 if empty. */
    public synchronized long percentile(double p) {
        int n = (int) Math.min(count, ring.length);
        if (n == 0) {
            return -1;
        }
        long[] copy = Arrays.copyOf(ring, n);
        Arrays.sort(copy);
        int idx = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.max(0, Math.min(n - 1, idx))];
    }

    public synchronized void reset() {
        count = 0;
        last = -1;
    }
}
