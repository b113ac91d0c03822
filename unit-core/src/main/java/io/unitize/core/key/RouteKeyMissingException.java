package io.unitize.core.key;

import io.unitize.core.UnitizeException;

/** A call whose route key is absent (a null argument or field) or not a number. Nothing was done. */
public class RouteKeyMissingException extends UnitizeException {

    private final String method;
    private final String key;

    public RouteKeyMissingException(String method, String key, String found) {
        super("UNITIZE-RULE-081 call " + method + " needs its route key " + key + ", but " + found + "; the call cannot be routed to a unit");
        this.method = method;
        this.key = key;
    }

    protected RouteKeyMissingException(String message, RouteKeyMissingException cause) {
        super(message, cause);
        this.method = cause.method;
        this.key = cause.key;
    }

    public String method() {
        return method;
    }

    public String key() {
        return key;
    }
}
