package io.unitize.rpc.http;

import io.unitize.rpc.RpcConfigException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route of every HTTP service id a consumer calls, declared at startup (configuration first,
 * then the {@code @HARoute} of each Feign client interface) and read per call (one map lookup). A
 * service id not in the table is left alone: its calls go to the instances of this unit's Nacos.
 */
public final class HttpRouteTable {

    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();

    /**
     * @throws RpcConfigException (UNITIZE-RPC-030) if the service already has another route
     */
    public void declare(HttpRoute route) {
        HttpRoute before = routes.putIfAbsent(route.serviceId(), route);
        if (before != null && before.type() != route.type()) {
            throw new RpcConfigException("UNITIZE-RPC-030 HTTP service " + route.serviceId() + " is declared " + before.type() + " by "
                    + before.declaredBy() + " and " + route.type() + " by " + route.declaredBy() + "; one service id has one route",
                    "Give service " + route.serviceId() + " one route type: change the @HARoute of its Feign clients or "
                            + "unitize.rpc.http.services." + route.serviceId() + ".route so they agree, then start again.");
        }
    }

    /** The route of {@code serviceId}, or {@code null} when Unitize leaves its calls alone. */
    public HttpRoute of(String serviceId) {
        return routes.get(serviceId);
    }

    public Map<String, HttpRoute> all() {
        return Map.copyOf(routes);
    }
}
