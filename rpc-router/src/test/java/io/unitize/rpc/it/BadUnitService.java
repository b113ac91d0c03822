package io.unitize.rpc.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

/** Breaks the UNIT rule: {@code lookup} takes a String first. */
@HARoute(RouteType.UNIT)
public interface BadUnitService {

    String fine(long buyerId);

    String lookup(String orderNo);
}
