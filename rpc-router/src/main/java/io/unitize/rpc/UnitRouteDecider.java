package io.unitize.rpc;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.key.RouteKeyMissingException;
import io.unitize.core.key.RouteKeyReader;
import io.unitize.core.key.UnitKey;

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
                return unitTarget(service, buyerId, rules.slotOf(buyerId), rules, providers);
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

    /**
     * The same, with the route key of a UNIT call read by the called method's {@link RouteKeyReader}
     * ({@code generic}: the arguments of a generic call, DTOs as maps).
     *
     * @throws NoUnitProviderException if the unit the call must go to has no provider
     * @throws BuyerIdMissingException if a UNIT call's route key is absent or not a number
     */
    public String targetUnit(String service, RouteKeyReader key, Object[] args, boolean generic, RulesSnapshot rules,
                             ServiceProviders providers) {
        if (providers.routeType() != RouteType.UNIT) {
            return targetUnit(service, key.method(), null, rules, providers);
        }
        long value;
        int slot;
        try {
            value = generic ? key.readGeneric(args) : key.read(args);
            slot = key.slotOf(value, rules);
        } catch (RouteKeyMissingException e) {
            throw new BuyerIdMissingException(service, e);
        }
        return unitTarget(service, key.kind() == UnitKey.Kind.BUYER_ID ? value : null, slot, rules, providers);
    }

    private static String unitTarget(String service, Long buyerId, int slot, RulesSnapshot rules, ServiceProviders providers) {
        String home = rules.unitOfSlot(slot).code();
        if (!providers.has(home)) {
            throw new NoUnitProviderException(service, RouteType.UNIT, buyerId, slot, home, rules.version(),
                    (buyerId == null ? "keyed by a routable id of slot " + slot + "; " : "") + "providers are in " + providers.units());
        }
        return home;
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
