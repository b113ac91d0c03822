package io.unitize.rpc;

import java.util.Set;

/**
 * What a consumer knows about one service's providers: their route type (from the providers'
 * registry metadata) and the units that have at least one. Immutable; rebuilt on address changes.
 */
public record ServiceProviders(RouteType routeType, Set<String> units) {

    public ServiceProviders {
        units = Set.copyOf(units);
    }

    public boolean has(String unit) {
        return units.contains(unit);
    }
}
