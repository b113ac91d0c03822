package io.unitize.rpc.http;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitizeException;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.UnitRouteDecider;

import java.util.List;
import java.util.function.Supplier;

/**
 * Consumer side, framework-free: the instances an HTTP call of a routed service may go to. The
 * decision is {@link UnitRouteDecider}'s, the same as for Dubbo (UNIT: the buyer's home unit, never
 * elsewhere; CENTER: the center; DEFAULT: this unit, else the center); the instances are those of
 * the decided unit. Refusals are typed and counted, and nothing is sent.
 */
public final class HttpCallRouter {

    private final UnitRouteDecider decider;
    private final Supplier<RulesSnapshot> rules;
    private final RouteCounters counters;

    public HttpCallRouter(String localUnit, Supplier<RulesSnapshot> rules, RouteCounters counters) {
        this.decider = new UnitRouteDecider(localUnit);
        this.rules = rules;
        this.counters = counters;
    }

    public String localUnit() {
        return decider.localUnit();
    }

    public RouteCounters counters() {
        return counters;
    }

    /**
     * @param buyerId the call's buyer, {@code null} when it carries none (a UNIT call is then refused)
     * @param call what is called, for the messages ({@code GET /orders/42})
     * @throws io.unitize.rpc.NoUnitProviderException if the decided unit has no instance
     * @throws BuyerIdMissingException if a UNIT call carries no buyer
     * @throws io.unitize.core.RulesUnavailableException if no rules are in force yet
     */
    public <I> List<I> instancesFor(HttpRoute route, Long buyerId, String call, UnitInstances<I> instances) {
        try {
            if (route.type() == RouteType.UNIT && buyerId == null) {
                throw new BuyerIdMissingException(route.serviceId() + " (buyer from " + route.buyerKey() + ")", call, null);
            }
            String unit = decider.targetUnit(route.serviceId(), call, buyerId, rules.get(), instances.providers(route.type()));
            counters.decided(route.type(), unit.equals(decider.localUnit()));
            return instances.in(unit);
        } catch (UnitizeException refused) {
            counters.refused(RouteCounters.Refusal.of(refused));
            throw refused;
        }
    }
}
