package io.unitize.rpc;

import io.unitize.core.RulesSnapshot;

/**
 * The route decision of one call, framework-free: which unit the call must go to, given the route
 * type of the service, its first argument (the buyerId of a UNIT call), the rules in force and the
 * units that have providers. Refuses with a typed exception when no unit qualifies.
 */
public final class UnitRouteDecider {

    private final String localUnit;

    /** @param localUnit the caller's own unit (DEFAULT calls stay in it when they can) */
    public UnitRouteDecider(String localUnit) {
        this.localUnit = localUnit;
    }

    public String localUnit() {
        return localUnit;
    }

    /**
     * @throws NoUnitProviderException if the unit the call must go to has no provider
     * @throws BuyerIdMissingException if a UNIT call has no numeric first argument
     */
    public String targetUnit(String service, String method, Object firstArgument, RulesSnapshot rules, ServiceProviders providers) {
        RouteType type = providers.routeType();
        switch (type) {
            case UNIT -> {
                long buyerId = buyerId(service, method, firstArgument);
                String home = rules.unitOf(buyerId).code();
                if (!providers.has(home)) {
                    throw new NoUnitProviderException(service, type, buyerId, rules.slotOf(buyerId), home, rules.version(),
                            "providers are in " + providers.units());
                }
                return home;
            }
            case CENTER -> {
                String center = rules.center().code();
                if (!providers.has(center)) {
                    throw new NoUnitProviderException(service, type, null, -1, center, rules.version(), "providers are in " + providers.units());
                }
                return center;
            }
            default -> {
                if (providers.has(localUnit)) {
                    return localUnit;
                }
                String center = rules.center().code();
                if (providers.has(center)) {
                    return center;
                }
                throw new NoUnitProviderException(service, type, null, -1, localUnit, rules.version(),
                        "nor in the center " + center + "; providers are in " + providers.units());
            }
        }
    }

    /** The buyerId of a UNIT call from its first argument (a number, or a number as text from a generic call). */
    public static long buyerId(String service, String method, Object firstArgument) {
        if (firstArgument instanceof Long l) {
            return l;
        }
        if (firstArgument instanceof Integer || firstArgument instanceof Short || firstArgument instanceof Byte) {
            return ((Number) firstArgument).longValue();
        }
        if (firstArgument instanceof String s) { // generic calls from gateways often carry numbers as text
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new BuyerIdMissingException(service, method, firstArgument);
            }
        }
        throw new BuyerIdMissingException(service, method, firstArgument);
    }
}
