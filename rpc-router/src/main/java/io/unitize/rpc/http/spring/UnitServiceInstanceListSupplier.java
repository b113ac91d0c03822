package io.unitize.rpc.http.spring;

import io.unitize.core.UnitContext;
import io.unitize.core.UnitizeException;
import io.unitize.rpc.http.HttpCallRouter;
import io.unitize.rpc.http.HttpRoute;
import io.unitize.rpc.http.HttpRouteTable;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances Spring Cloud LoadBalancer may choose from for one call of a routed service: those
 * of the unit {@link HttpCallRouter} decides, out of every unit's Nacos ({@link NacosUnitDiscovery}).
 * The buyer is read from the request the load balancer is given (OpenFeign, WebClient and RestClient
 * all pass it): the buyer header, else the service's buyer path variable, else the thread's
 * {@link UnitContext} (a Feign UNIT method's buyer argument, or the caller's own scope). A service
 * not in the {@link HttpRouteTable} is left to the application's own discovery ({@code delegate}).
 * The decision is made when the load balancer asks, on the calling thread; a refusal is the Flux's
 * error, so the call fails with the typed exception and nothing is sent.
 */
public final class UnitServiceInstanceListSupplier implements ServiceInstanceListSupplier {

    private static final Map<String, PathPattern> PATTERNS = new ConcurrentHashMap<>();

    private final String serviceId;
    private final HttpRouteTable routes;
    private final HttpCallRouter router;
    private final NacosUnitDiscovery discovery;
    private final ServiceInstanceListSupplier delegate;

    public UnitServiceInstanceListSupplier(String serviceId, HttpRouteTable routes, HttpCallRouter router, NacosUnitDiscovery discovery,
                                           ServiceInstanceListSupplier delegate) {
        this.serviceId = serviceId;
        this.routes = routes;
        this.router = router;
        this.discovery = discovery;
        this.delegate = delegate;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return get(null);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        HttpRoute route = routes.of(serviceId);
        if (route == null) {
            return request == null ? delegate.get() : delegate.get(request);
        }
        RequestData data = request != null && request.getContext() instanceof RequestDataContext c ? c.getClientRequest() : null;
        String call = data == null ? serviceId : data.getHttpMethod() + " " + pathOf(data.getUrl());
        try {
            return Flux.just(router.instancesFor(route, buyerOf(route, data), call, discovery.instances(serviceId)));
        } catch (UnitizeException refused) {
            return Flux.error(refused);
        }
    }

    private static Long buyerOf(HttpRoute route, RequestData data) {
        Long fromRequest = data == null ? null : route.buyerKey().read(route.serviceId(), data.getHttpMethod() + " " + pathOf(data.getUrl()),
                data.getHeaders() == null ? null : data.getHeaders().getFirst(route.buyerKey().header()),
                pattern -> pathVariables(pattern, data.getUrl()));
        if (fromRequest != null) {
            return fromRequest;
        }
        OptionalLong scoped = UnitContext.buyerId();
        return scoped.isPresent() ? scoped.getAsLong() : null;
    }

    static Map<String, String> pathVariables(String pattern, URI url) {
        if (url == null || url.getRawPath() == null) {
            return null;
        }
        PathPattern.PathMatchInfo m = PATTERNS.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse)
                .matchAndExtract(PathContainer.parsePath(url.getRawPath()));
        return m == null ? null : m.getUriVariables();
    }

    private static String pathOf(URI url) {
        return url == null ? "" : url.getRawPath();
    }

    @Override
    public String toString() {
        return "UnitServiceInstanceListSupplier[" + serviceId + "]";
    }
}
