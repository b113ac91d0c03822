package io.unitize.gateway;

/** Headers the Unitize gateways use. */
public final class GatewayHeaders {

    /** Every Unitize header starts so; a gateway strips all of them from requests arriving from outside. */
    public static final String PREFIX = "X-Unitize-";
    /** On a forwarded request: the HMAC that proves the hop comes from a gateway holding a hop key ({@link HopAuthenticator}). */
    public static final String HOP_SIGNATURE = "X-Unitize-Hop-Signature";
    /** On a forwarded request: the unit whose gateway forwarded it (a request is forwarded at most once). */
    public static final String FORWARDED_BY = "X-Unitize-Forwarded-By";
    /** On a forwarded request: the rules version the forwarding gateway decided with. */
    public static final String RULES_VERSION = "X-Unitize-Rules-Version";
    /** On every response for a known buyer: the buyer's home unit. */
    public static final String HOME_UNIT = "X-Unitize-Home-Unit";
    /** On every response for a known buyer: the home unit's gateway, for the client's next request. */
    public static final String HOME_GATEWAY = "X-Unitize-Home-Gateway";
    /** On every response: the unit whose gateway served (or refused) it. */
    public static final String SERVED_BY = "X-Unitize-Served-By";

    private GatewayHeaders() {
    }

    /** Whether {@code name} is a Unitize header (case-insensitive). */
    public static boolean isUnitize(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
