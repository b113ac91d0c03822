package io.unitize.rpc.http;

import io.unitize.rpc.UnitRouteDecider;

import java.lang.reflect.Method;

/**
 * The one place that reads the route key of a client call from its arguments (a Feign method's):
 * today's rule, the first parameter, which {@link io.unitize.rpc.HARouteInspector} has checked is a
 * {@code long} for every method of a UNIT interface. Richer key forms (a named parameter, a DTO
 * field, a routable order id) plug in here.
 */
public final class BuyerArgument {

    private BuyerArgument() {
    }

    /**
     * @throws io.unitize.rpc.BuyerIdMissingException if the method takes no numeric first argument
     */
    public static long of(String service, Method method, Object[] args) {
        return UnitRouteDecider.buyerId(service, method.getName(), args == null || args.length == 0 ? null : args[0]);
    }
}
