package io.unitize.rpc;

import io.unitize.core.UnitizeConfigException;
import io.unitize.core.key.InvalidRouteKeyException;

/** An {@link HARoute} interface that breaks its route type's rule; raised at startup. */
public class InvalidHARouteException extends UnitizeConfigException {

    private final String serviceInterface;
    private final String method;
    private final String key;

    public InvalidHARouteException(String serviceInterface, String method, String rule) {
        this(serviceInterface, method, "none", rule, null);
    }

    /** A UNIT method without a readable route key ({@link InvalidRouteKeyException}: method, key, rule). */
    public InvalidHARouteException(String serviceInterface, InvalidRouteKeyException cause) {
        this(serviceInterface, cause.method(), cause.key(), "route key " + cause.key() + " " + cause.rule(), cause);
    }

    private InvalidHARouteException(String serviceInterface, String method, String key, String rule, Throwable cause) {
        super("UNITIZE-RPC-001 @HARoute(UNIT) interface " + serviceInterface + ": method " + method + " " + rule
                + ". Every method of a UNIT interface has a route key: the first long parameter, @UnitKey on a parameter "
                + "(or a path inside it), on a field of an argument's class, or on the method naming a parameter; "
                + "or annotate the interface CENTER/DEFAULT", "Give " + method + " of " + serviceInterface + " a route key "
                + "(take `long buyerId` first, or mark it with io.unitize.core.key.UnitKey), or annotate the interface "
                + "@HARoute(CENTER) or @HARoute(DEFAULT); then start again.", cause);
        this.serviceInterface = serviceInterface;
        this.method = method;
        this.key = key;
    }

    public String serviceInterface() {
        return serviceInterface;
    }

    public String method() {
        return method;
    }

    /** The route key that is missing or unreadable ({@code "none"} when the method has no key at all). */
    public String key() {
        return key;
    }
}
