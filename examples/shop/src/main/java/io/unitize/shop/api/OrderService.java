package io.unitize.shop.api;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

import java.util.List;

/**
 * Orders of a buyer, served only in the buyer's home unit (every method takes the buyer first).
 * The rpc-router sends each call to a provider of that unit; the provider refuses a frozen or
 * misrouted buyer before the method runs.
 */
@HARoute(RouteType.UNIT)
public interface OrderService {

    /** Places an order: stock reserved once in the center, order and items written in one transaction, event published. */
    OrderView place(long buyerId, List<OrderLine> lines);

    /** The order if it belongs to the buyer, else {@code null}; read through the unit's Redis. */
    OrderView get(long buyerId, long orderId);

    /** The buyer's most recent orders, newest first. */
    List<OrderView> list(long buyerId, int limit);

    /** Cancels a placed order and releases its stock (once); a cancelled order stays cancelled. */
    OrderView cancel(long buyerId, long orderId);
}
