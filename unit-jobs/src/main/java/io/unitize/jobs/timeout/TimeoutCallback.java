package io.unitize.jobs.timeout;

/**
 * What a task does when it is due, in the buyer's home unit. Delivery is at least once: make the
 * effect conditional on the task's key or on the state it changes (e.g.
 * {@code UPDATE orders SET status='CANCELLED' WHERE buyer_id=? AND id=? AND status='UNPAID'}). Throwing
 * puts the task back to PENDING; it is tried again later (backoff), in whichever unit is then its home.
 */
@FunctionalInterface
public interface TimeoutCallback {
    void onTimeout(FiredTimeout fired) throws Exception;
}
