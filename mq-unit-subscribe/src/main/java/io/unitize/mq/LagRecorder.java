package io.unitize.mq;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The most recent lags (ms) in a ring, for percentiles; thread-safe. Every recorded lag is also
 * handed to the {@link #onRecord listeners} (a starter records them in a Micrometer timer).
 */
public final class LagRecorder {

    private final long[] ring;
    private long count;
    private volatile long last = -1;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    public LagRecorder(int capacity) {
        this.ring = new long[capacity];
    }

    public void record(long millis) {
        synchronized (this) {
            ring[(int) (count++ % ring.length)] = millis;
            last = millis;
        }
        for (LongConsumer l : listeners) {
            l.accept(millis);
        }
    }

    /** Also hands every lag recorded from now on to {@code listener} (on the recording thread: keep it cheap). */
    public void onRecord(LongConsumer listener) {
        listeners.add(listener);
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
