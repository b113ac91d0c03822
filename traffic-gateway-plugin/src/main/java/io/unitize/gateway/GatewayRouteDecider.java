package io.unitize.gateway;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;

/**
 * The routing decision of one request at one unit's gateway, framework-free. Per request: a slot
 * computation and two array reads in the rules snapshot.
 * <ul>
 *   <li>buyer homed here -> LOCAL; homed elsewhere -> FORWARD to that unit's gateway (endpoint
 *       {@code gateway} of the unit in the rules document), at most once;</li>
 *   <li>arrived forwarded but homed elsewhere here (rules skew): the newer rules decide — the sender's
 *       newer version -> served here; this gateway's version at least as new -> refused 503 with Retry-After
 *       naming the home unit and both versions (never a second hop, never bounced back);</li>
 *   <li>edge protection: a write (not GET/HEAD/OPTIONS) of a frozen buyer -> 503 with Retry-After;</li>
 *   <li>no buyerId -> {@link NoBuyerPolicy}.</li>
 * </ul>
 */
public final class GatewayRouteDecider {

    public static final String GATEWAY_ENDPOINT = "gateway";

    private final String localUnit;
    private final NoBuyerPolicy noBuyer;
    private final boolean edgeFreeze;

    public GatewayRouteDecider(String localUnit, NoBuyerPolicy noBuyer, boolean edgeFreeze) {
        this.localUnit = localUnit;
        this.noBuyer = noBuyer;
        this.edgeFreeze = edgeFreeze;
    }

    public String localUnit() {
        return localUnit;
    }

    /**
     * @param buyerId             the request's buyer, or null
     * @param write               whether it is a write (not GET, HEAD or OPTIONS)
     * @param forwardedBy         the unit whose gateway forwarded it here, proved by a hop signature; null when it came from
     *                            a client (or the hop could not be authenticated: then it is routed like any client's request)
     * @param senderRulesVersion  the forwarding gateway's rules version (ignored unless forwarded)
     */
    public GatewayDecision decide(Long buyerId, boolean write, String forwardedBy, long senderRulesVersion, RulesSnapshot rules) {
        long v = rules.version();
        if (buyerId == null) {
            UnitDefinition center = rules.center();
            if (noBuyer == NoBuyerPolicy.LOCAL || center.code().equals(localUnit) || forwardedBy != null) {
                return new GatewayDecision(GatewayDecision.Outcome.NO_BUYER_LOCAL, localUnit, null, null, -1, v, null);
            }
            String gw = center.endpoint(GATEWAY_ENDPOINT);
            if (gw == null) {
                return new GatewayDecision(GatewayDecision.Outcome.REFUSED_NO_GATEWAY, center.code(), null, null, -1, v,
                        "no gateway address for unit " + center.code() + " in rules version " + v);
            }
            return new GatewayDecision(GatewayDecision.Outcome.NO_BUYER_CENTER, center.code(), gw, null, -1, v, null);
        }
        int slot = rules.slotOf(buyerId);
        UnitDefinition home = rules.unitOfSlot(slot);
        String homeGateway = home.endpoint(GATEWAY_ENDPOINT);
        if (edgeFreeze && write && rules.isSlotFrozen(slot)) {
            return new GatewayDecision(GatewayDecision.Outcome.REFUSED_FROZEN, home.code(), homeGateway, buyerId, slot, v,
                    "buyer " + buyerId + " (slot " + slot + ") is being moved between units (rules version " + v + "): writes are frozen, retry shortly");
        }
        if (home.code().equals(localUnit)) {
            return new GatewayDecision(GatewayDecision.Outcome.LOCAL, localUnit, homeGateway, buyerId, slot, v, null);
        }
        if (forwardedBy != null) {
            if (senderRulesVersion > v) { // the sender decided with newer rules that say: here — so here is the home, and its gateway this one
                String here = rules.rules().unit(localUnit).map(u -> u.endpoint(GATEWAY_ENDPOINT)).orElse(null);
                return new GatewayDecision(GatewayDecision.Outcome.LOCAL, localUnit, here, buyerId, slot, v, null);
            }
            // the forwarder itself the home by these newer rules: its rules are behind (the control center has not published the
            // newer version to its unit yet); it serves the buyer once it has them, so the client retries later, at either gateway
            String then = home.code().equals(forwardedBy) && senderRulesVersion < v
                    ? "the rules of " + forwardedBy + " are behind (version " + senderRulesVersion + " < " + v + "); not forwarded twice: "
                    + "retry after the Retry-After delay, once " + forwardedBy + " has rules version " + v
                    : "not forwarded twice: retry after the Retry-After delay, or at " + home.code();
            return new GatewayDecision(GatewayDecision.Outcome.REFUSED_SKEW, home.code(), homeGateway, buyerId, slot, v,
                    "forwarded by " + forwardedBy + " (rules version " + senderRulesVersion + ") but buyer " + buyerId + " (slot " + slot
                            + ") is homed in " + home.code() + " under rules version " + v + " here; " + then);
        }
        if (homeGateway == null) {
            return new GatewayDecision(GatewayDecision.Outcome.REFUSED_NO_GATEWAY, home.code(), null, buyerId, slot, v,
                    "no gateway address for unit " + home.code() + " in rules version " + v);
        }
        return new GatewayDecision(GatewayDecision.Outcome.FORWARD, home.code(), homeGateway, buyerId, slot, v, null);
    }
}
