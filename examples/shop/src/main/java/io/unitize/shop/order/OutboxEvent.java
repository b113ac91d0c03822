package io.unitize.shop.order;

import io.unitize.shop.api.OrderView;

/** One ORDER_EVENTS message as the outbox keeps it: the order after the change, by (order, version). */
public record OutboxEvent(long orderId, long version, long buyerId, String tags, byte[] body) {

    static OutboxEvent of(OrderView order, String tags) {
        return new OutboxEvent(order.getId(), order.getVersion(), order.getBuyerId(), tags, OrderEvents.body(order));
    }
}
