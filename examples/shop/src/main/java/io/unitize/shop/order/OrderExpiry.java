package io.unitize.shop.order;

/**
 * Schedules the expiry of an order that stays unpaid: called by {@code place} before anything is
 * written, in the buyer's home unit. A task whose order was never written (the place was refused
 * later) finds no order when it fires and changes nothing; an order without its task cannot happen,
 * since a refused registration refuses the place.
 */
@FunctionalInterface
public interface OrderExpiry {

    /** No expiry (tests of the other steps). */
    OrderExpiry NONE = (buyerId, orderId) -> { };

    void schedule(long buyerId, long orderId);
}
