package io.unitize.gateway;

/** Headers the Unitize gateways use. */
public final class GatewayHeaders {

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
}
