package io.unitize.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of the gateway's decisions per outcome (plus 401/400 refusals before a decision). */
public final class DecisionCounters {

    private final Map<GatewayDecision.Outcome, LongAdder> byOutcome = new EnumMap<>(GatewayDecision.Outcome.class);
    private final LongAdder badToken = new LongAdder();
    private final LongAdder badBuyerId = new LongAdder();
    private final LongAdder homeUnreachable = new LongAdder();
    private final LongAdder hopUnauthenticated = new LongAdder();
    private final LongAdder tokenKeysUnavailable = new LongAdder();
    private final LongAdder badFraming = new LongAdder();
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder backendUnreachable = new LongAdder();

    public DecisionCounters() {
        for (GatewayDecision.Outcome o : GatewayDecision.Outcome.values()) {
            byOutcome.put(o, new LongAdder());
        }
    }

    public void count(GatewayDecision.Outcome outcome) {
        byOutcome.get(outcome).increment();
    }

    public long of(GatewayDecision.Outcome outcome) {
        return byOutcome.get(outcome).sum();
    }

    public void badToken() {
        badToken.increment();
    }

    public void badBuyerId() {
        badBuyerId.increment();
    }

    public void homeUnreachable() {
        homeUnreachable.increment();
    }

    public long badTokens() {
        return badToken.sum();
    }

    public long badBuyerIds() {
        return badBuyerId.sum();
    }

    public long homeUnreachables() {
        return homeUnreachable.sum();
    }

    /** A request carried hop headers that could not be authenticated (it was routed like any client's request). */
    public void hopUnauthenticated() {
        hopUnauthenticated.increment();
    }

    public long hopsUnauthenticated() {
        return hopUnauthenticated.sum();
    }

    public void tokenKeysUnavailable() {
        tokenKeysUnavailable.increment();
    }

    public long tokenKeysUnavailables() {
        return tokenKeysUnavailable.sum();
    }

    /** A request refused before routing for ambiguous or malformed framing. */
    public void badFraming() {
        badFraming.increment();
    }

    public long badFramings() {
        return badFraming.sum();
    }

    /** No connection to the next hop in time (pool limit or acquire timeout): answered 503 with Retry-After. */
    public void overloaded() {
        overloaded.increment();
    }

    public long overloads() {
        return overloaded.sum();
    }

    /** The route's backend could not be reached or closed the connection before answering: answered 503. */
    public void backendUnreachable() {
        backendUnreachable.increment();
    }

    public long backendUnreachables() {
        return backendUnreachable.sum();
    }
}
