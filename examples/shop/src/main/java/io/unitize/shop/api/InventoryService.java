package io.unitize.shop.api;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

import java.util.List;

/** Stock lives in the center only: every unit's calls go there. Both operations are idempotent per order id. */
@HARoute(RouteType.CENTER)
public interface InventoryService {

    /**
     * Reserves the lines' quantities for the order, exactly once: a second call for the same order
     * changes nothing and answers {@code false}. Throws {@link OutOfStockException} (nothing reserved)
     * when a line cannot be served.
     */
    boolean reserve(long orderId, List<OrderLine> lines);

    /** Gives back what the order reserved, exactly once; {@code false} when there was nothing (left) to release. */
    boolean release(long orderId);
}
