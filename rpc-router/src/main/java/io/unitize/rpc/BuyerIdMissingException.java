package io.unitize.rpc;

import io.unitize.core.UnitizeException;

/** A UNIT call whose first argument is not a buyerId (null, or not a number). Nothing was sent. */
public class BuyerIdMissingException extends UnitizeException {

    private final String service;
    private final String method;

    public BuyerIdMissingException(String service, String method, Object firstArgument) {
        super("UNITIZE-RPC-011 UNIT call " + service + "." + method + " needs the buyerId as its first argument, but got "
                + (firstArgument == null ? "none" : firstArgument.getClass().getSimpleName() + " " + firstArgument)
                + "; the call cannot be routed to a unit");
        this.service = service;
        this.method = method;
    }

    public String service() {
        return service;
    }

    public String method() {
        return method;
    }
}
