package io.unitize.rpc.bench;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

@HARoute(RouteType.UNIT)
public interface BenchOrders {
    long echo(long buyerId);
}
