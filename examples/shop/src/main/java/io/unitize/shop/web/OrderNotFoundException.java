package io.unitize.shop.web;

/** No such order for this buyer (an order of another buyer is not found either). */
public class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(long buyerId, long orderId) {
        super("buyer " + buyerId + " has no order " + orderId);
    }
}
