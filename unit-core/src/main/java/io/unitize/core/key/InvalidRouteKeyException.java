package io.unitize.core.key;

import io.unitize.core.UnitizeConfigException;

/** A method whose route key cannot be found or read; raised when its {@link RouteKeyReader} is built (startup). */
public class InvalidRouteKeyException extends UnitizeConfigException {

    private final String method;
    private final String key;

    public InvalidRouteKeyException(String method, String key, String rule) {
        super("UNITIZE-RULE-080 method " + method + ": route key " + key + " " + rule, "Give " + method + " a route key: take `long buyerId` first, "
                + "put @UnitKey on the parameter (or a path inside it: @UnitKey(\"order.buyerId\")), on the buyer field of its "
                + "argument's class, or on the method naming a parameter (@UnitKey(\"buyerId\")); then start again.");
        this.method = method;
        this.key = key;
    }

    /** The method, e.g. {@code place(PlaceOrder)}. */
    public String method() {
        return method;
    }

    /** The key that is missing or unreadable, e.g. {@code "order.buyerId"} or {@code "none"}. */
    public String key() {
        return key;
    }

    /** What was wrong with the key, without the method and key. */
    public String rule() {
        String m = getMessage();
        return m.substring(("UNITIZE-RULE-080 method " + method + ": route key " + key + " ").length());
    }
}
