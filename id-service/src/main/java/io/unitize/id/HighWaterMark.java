package io.unitize.id;

/**
 * Remembers, across restarts, a time no ID has been issued beyond. A generator persists a mark
 * ahead of the time it issues (in steps), and refuses to start with a clock behind the mark.
 */
public interface HighWaterMark {

    /** The stored mark in epoch millis, or 0. */
    long load();

    /** Stores {@code epochMillis}; durable when it returns. */
    void store(long epochMillis);

    /** No persistence (tests, or IDs whose repetition after a restart does not matter). */
    static HighWaterMark none() {
        return new HighWaterMark() {
            @Override
            public long load() {
                return 0;
            }

            @Override
            public void store(long epochMillis) {
            }
        };
    }
}
