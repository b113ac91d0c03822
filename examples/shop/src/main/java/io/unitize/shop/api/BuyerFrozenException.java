package io.unitize.shop.api;

/**
 * The buyer's slot is moving between units (a cutover froze it) or is homed elsewhere at this
 * moment: the write was refused before anything was kept. Retry in a moment.
 */
public class BuyerFrozenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long buyerId;

    public BuyerFrozenException(long buyerId, String why) {
        super("buyer " + buyerId + ": write refused, " + why + "; nothing was written, retry after the cutover");
        this.buyerId = buyerId;
    }

    public long getBuyerId() {
        return buyerId;
    }
}
