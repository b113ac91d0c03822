package io.unitize.shop.api;

import java.io.Serializable;

/** One line of an order: a product, how many, and the unit price (cents) the catalog had when it was placed. */
public class OrderLine implements Serializable {
    private static final long serialVersionUID = 1L;

    private long productId;
    private int quantity;
    private long priceCents;

    public OrderLine() {
    }

    public OrderLine(long productId, int quantity, long priceCents) {
        this.productId = productId;
        this.quantity = quantity;
        this.priceCents = priceCents;
    }

    public long getProductId() {
        return productId;
    }

    public void setProductId(long productId) {
        this.productId = productId;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public long getPriceCents() {
        return priceCents;
    }

    public void setPriceCents(long priceCents) {
        this.priceCents = priceCents;
    }
}
