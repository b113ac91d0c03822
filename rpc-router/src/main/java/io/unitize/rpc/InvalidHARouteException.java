package io.unitize.rpc;

import io.unitize.core.UnitizeConfigException;

/** An {@link HARoute} interface that breaks its route type's rule; raised at startup. */
public class InvalidHARouteException extends UnitizeConfigException {

    private final String serviceInterface;
    private final String method;

    public InvalidHARouteException(String serviceInterface, String method, String rule) {
        super("UNITIZE-RPC-001 @HARoute(UNIT) interface " + serviceInterface + ": method " + method + " " + rule
                + ". Every method of a UNIT interface takes the buyer first: m(long buyerId, ...); "
                + "or annotate the interface CENTER/DEFAULT", "Make every method of " + serviceInterface + " take "
                + "`long buyerId` as its first parameter, or annotate the interface @HARoute(CENTER) or @HARoute(DEFAULT); "
                + "then start again.");
        this.serviceInterface = serviceInterface;
        this.method = method;
    }

    public String serviceInterface() {
        return serviceInterface;
    }

    public String method() {
        return method;
    }
}
