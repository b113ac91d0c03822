package io.unitize.rpc;

import io.unitize.core.UnitizeException;

/** A UNIT call without its route key (the first argument, or its {@code @UnitKey}, null or not a number). Nothing was sent. */
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

    /** A UNIT call whose route key ({@code @UnitKey} field, path, parameter) is absent or not a number. */
    public BuyerIdMissingException(String service, io.unitize.core.key.RouteKeyMissingException cause) {
        super("UNITIZE-RPC-011 UNIT call " + service + "." + cause.method() + " needs its route key " + cause.key()
                + "; the call cannot be routed to a unit (" + cause.getMessage() + ")", cause);
        this.service = service;
        this.method = cause.method();
    }

    public String service() {
        return service;
    }

    public String method() {
        return method;
    }
}
