package io.unitize.rpc.http;

import io.unitize.rpc.RouteType;

import java.util.Objects;

/**
 * How the HTTP calls to one service id are routed: the {@link RouteType} (from {@code @HARoute} on
 * its Feign client interface, or {@code unitize.rpc.http.services.<id>.route}) and where a call
 * carries its buyer ({@link BuyerKeySource}).
 */
public record HttpRoute(String serviceId, RouteType type, BuyerKeySource buyerKey, String declaredBy) {

    public HttpRoute {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(buyerKey, "buyerKey");
        Objects.requireNonNull(declaredBy, "declaredBy");
    }
}
