package io.unitize.rpc;

import io.unitize.core.UnitizeException;

/** An {@link HARoute} interface that breaks its route type's rule; raised at startup. */
public class InvalidHARouteException extends UnitizeException {

    private final String serviceInterface;
    private final String method;

    public InvalidHARouteException(String serviceInterface, String method, String rule) {
        super("UNITIZE-RPC-001 @HARoute(UNIT) interface " + serviceInterface + ": method " + method + " " + rule
                + ". Every method of a UNIT interface takes the buyer first: m(long buyerId, ...); "
                + "or annotate the interface CENTER/DEFAULT");
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
