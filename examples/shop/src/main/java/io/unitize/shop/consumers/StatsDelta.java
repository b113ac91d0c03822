package io.unitize.shop.consumers;

/**
 * What one newly applied event version of an order adds to its buyer's statistics: the first
 * version applied (of any status) counts the order placed; a cancellation takes its items back
 * (or, seen first, never adds them) and counts the order cancelled.
 */
record StatsDelta(long placed, long items, long cancelled) {

    static StatsDelta of(boolean appliedBefore, boolean cancelled, int items) {
        long placed = appliedBefore ? 0 : 1;
        long itemsDelta = appliedBefore ? (cancelled ? -items : 0) : (cancelled ? 0 : items);
        return new StatsDelta(placed, itemsDelta, cancelled ? 1 : 0);
    }
}
