package io.unitize.gateway;

/**
 * What a gateway does with one request.
 *
 * @param outcome     the decision
 * @param unit        the unit that serves it (LOCAL: this one; FORWARD: the target); for refusals the home unit
 * @param gateway     FORWARD: the target gateway's base URL; otherwise the home gateway if known
 * @param buyerId     the buyer, or null
 * @param slot        the buyer's slot, or -1
 * @param rulesVersion the rules version decided with
 * @param reason      for refusals: what and why
 */
public record GatewayDecision(Outcome outcome, String unit, String gateway, Long buyerId, int slot, long rulesVersion, String reason) {

    public enum Outcome {
        /** Homed here (or rules skew resolved in favour of here): the local routes. */
        LOCAL,
        /** Homed elsewhere: forwarded once to that unit's gateway. */
        FORWARD,
        /** No buyerId: served locally by policy. */
        NO_BUYER_LOCAL,
        /** No buyerId: forwarded to the center by policy. */
        NO_BUYER_CENTER,
        /** A write of a frozen buyer: 503 with Retry-After (edge protection). */
        REFUSED_FROZEN,
        /** Forwarded here but homed elsewhere under rules at least as new: 503 naming the home unit, never a second hop. */
        REFUSED_SKEW,
        /** The home unit has no gateway address in the rules: 503 naming the unit. */
        REFUSED_NO_GATEWAY
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED_FROZEN || outcome == Outcome.REFUSED_SKEW || outcome == Outcome.REFUSED_NO_GATEWAY;
    }
}
