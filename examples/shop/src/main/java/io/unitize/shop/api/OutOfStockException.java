package io.unitize.shop.api;

/** A line asked for more than the center has in stock; nothing was reserved for the order. */
public class OutOfStockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long productId;

    public OutOfStockException(long productId, int wanted) {
        super("product " + productId + ": not enough stock for " + wanted + "; nothing was reserved");
        this.productId = productId;
    }

    public long getProductId() {
        return productId;
    }
}
