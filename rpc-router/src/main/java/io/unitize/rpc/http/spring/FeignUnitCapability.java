package io.unitize.rpc.http.spring;

import feign.Capability;
import feign.InvocationHandlerFactory;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import io.unitize.core.UnitContext;
import io.unitize.rpc.HARouteInspector;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.http.BuyerArgument;
import io.unitize.rpc.http.BuyerKeySource;
import io.unitize.rpc.http.HttpRoute;
import io.unitize.rpc.http.HttpRouteTable;

import java.lang.reflect.InvocationHandler;
import java.util.OptionalLong;

/**
 * OpenFeign's part: when a Feign client is built, the {@code @HARoute} of its interface is checked
 * ({@link HARouteInspector}: a UNIT interface's methods take {@code long buyerId} first, else startup
 * fails) and declared for its service id; each call of a UNIT client runs inside
 * {@link UnitContext#enter(long)} with the buyer from its arguments ({@link BuyerArgument}), and
 * {@link BuyerHeader} puts that buyer in the buyer header, which the load balancer and the provider
 * read.
 */
public final class FeignUnitCapability implements Capability {

    private final HttpRouteTable routes;
    private final String defaultHeader;

    public FeignUnitCapability(HttpRouteTable routes, String defaultHeader) {
        this.routes = routes;
        this.defaultHeader = defaultHeader;
    }

    @Override
    public InvocationHandlerFactory enrich(InvocationHandlerFactory factory) {
        return (target, dispatch) -> {
            InvocationHandler handler = factory.create(target, dispatch);
            RouteType type = declare(target);
            if (type != RouteType.UNIT) {
                return handler;
            }
            String service = target.type().getName();
            return (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class || method.isDefault()) {
                    return handler.invoke(proxy, method, args);
                }
                try (UnitContext.Scope ignored = UnitContext.enter(BuyerArgument.of(service, method, args))) {
                    return handler.invoke(proxy, method, args);
                }
            };
        };
    }

    private RouteType declare(Target<?> target) {
        RouteType type = HARouteInspector.routeTypeOf(target.type());
        if (type != null) {
            HttpRoute configured = routes.of(target.name());
            routes.declare(new HttpRoute(target.name(), type,
                    configured != null ? configured.buyerKey() : BuyerKeySource.header(defaultHeader),
                    "@HARoute on Feign client " + target.type().getName()));
        }
        HttpRoute route = routes.of(target.name());
        return route == null ? null : route.type();
    }

    /** Puts the buyer of a UNIT Feign call (its {@link UnitContext}) in the service's buyer header, replacing any value. */
    public static final class BuyerHeader implements RequestInterceptor {

        private final HttpRouteTable routes;

        public BuyerHeader(HttpRouteTable routes) {
            this.routes = routes;
        }

        @Override
        public void apply(RequestTemplate template) {
            Target<?> target = template.feignTarget();
            HttpRoute route = target == null ? null : routes.of(target.name());
            OptionalLong buyer = UnitContext.buyerId();
            if (route != null && route.type() == RouteType.UNIT && buyer.isPresent()) {
                template.removeHeader(route.buyerKey().header());
                template.header(route.buyerKey().header(), Long.toString(buyer.getAsLong()));
            }
        }
    }
}
