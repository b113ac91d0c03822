package io.unitize.rpc.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

@HARoute(RouteType.UNIT)
public interface OrderService {

    /** "unit/instance" of the provider that served the call. */
    String whereIs(long buyerId);
}
