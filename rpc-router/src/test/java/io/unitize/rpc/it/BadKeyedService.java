package io.unitize.rpc.it;

import io.unitize.core.key.UnitKey;
import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

/** Breaks the UNIT rule: {@code pay}'s path names a property {@code Payment} does not have. */
@HARoute(RouteType.UNIT)
public interface BadKeyedService {

    String fine(KeyedOrderService.PlaceOrder order);

    String pay(@UnitKey("order.customerId") KeyedOrderService.Payment payment);
}
