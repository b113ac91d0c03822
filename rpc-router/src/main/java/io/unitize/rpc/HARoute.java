package io.unitize.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how the calls of a Dubbo service interface are routed between units.
 *
 * <pre>{@code
 * @HARoute(RouteType.UNIT)
 * public interface OrderService {
 *     Order place(long buyerId, Cart cart);      // goes to the buyer's home unit
 *     List<Order> recent(long buyerId, int n);
 * }
 * }</pre>
 *
 * A {@code UNIT} method's route key is its first {@code long} parameter unless
 * {@link io.unitize.core.key.UnitKey} says otherwise (a DTO field, a path, a named parameter, a
 * routable order id). A {@code UNIT} interface with a method without a readable key fails the
 * application's startup, naming the interface, the method and the key ({@link InvalidHARouteException}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HARoute {

    RouteType value() default RouteType.DEFAULT;
}
