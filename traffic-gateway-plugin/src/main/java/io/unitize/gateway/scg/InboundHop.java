package io.unitize.gateway.scg;

/**
 * The hop headers a request arrived with, taken off the request at the door by
 * {@link HopHeaderStripper} and believed only once {@link UnitRoutingGlobalFilter} has verified the
 * signature. A header given more than once makes the hop malformed ({@code ambiguous}).
 */
record InboundHop(String forwardedBy, String rulesVersion, String signature, boolean ambiguous) {

    static final String ATTRIBUTE = InboundHop.class.getName();
}
