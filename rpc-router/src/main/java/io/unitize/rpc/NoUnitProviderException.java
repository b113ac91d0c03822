package io.unitize.rpc;

import io.unitize.core.UnitizeException;

/**
 * A call could not be routed: no provider of the service in the unit its route type asks for.
 * Nothing was sent.
 */
public class NoUnitProviderException extends UnitizeException {

    private final String service;
    private final RouteType routeType;
    private final Long buyerId;
    private final int slot;
    private final String wantedUnit;
    private final long rulesVersion;

    public NoUnitProviderException(String service, RouteType routeType, Long buyerId, int slot, String wantedUnit, long rulesVersion,
                                   String detail) {
        super("UNITIZE-RPC-010 no provider of " + service + " (" + routeType + ") in unit " + wantedUnit
                + (buyerId == null ? "" : " for buyer " + buyerId + " (slot " + slot + ")") + ", rules version " + rulesVersion
                + (detail == null ? "" : "; " + detail) + ". Start a provider of it in " + wantedUnit + " or check its registry");
        this.service = service;
        this.routeType = routeType;
        this.buyerId = buyerId;
        this.slot = slot;
        this.wantedUnit = wantedUnit;
        this.rulesVersion = rulesVersion;
    }

    public String service() {
        return service;
    }

    public RouteType routeType() {
        return routeType;
    }

    /** The buyer of a UNIT call, else {@code null}. */
    public Long buyerId() {
        return buyerId;
    }

    /** The buyer's slot for a UNIT call, else -1. */
    public int slot() {
        return slot;
    }

    public String wantedUnit() {
        return wantedUnit;
    }

    public long rulesVersion() {
        return rulesVersion;
    }
}
