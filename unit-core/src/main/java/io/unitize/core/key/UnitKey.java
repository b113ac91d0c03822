package io.unitize.core.key;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a call's route key is, when it is not the method's first {@code long} parameter. Read once
 * per method by {@link RouteKeyReader#of(java.lang.reflect.Method)}.
 *
 * <pre>{@code
 * public record PlaceOrder(@UnitKey long buyerId, List<Line> lines) {}      // a field of a DTO argument
 *
 * @HARoute(RouteType.UNIT)
 * public interface OrderService {
 *     Order place(PlaceOrder request);                                       // request.buyerId
 *     Order pay(@UnitKey("order.buyerId") Payment payment);                  // a path into the parameter
 *     @UnitKey("buyerId") List<Order> recent(int n, long buyerId);           // a named parameter
 *     Order get(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID) long orderId);      // an id that carries the buyer's slot
 *     Order cancel(long buyerId, long orderId);                              // today's rule: the first long
 * }
 * }</pre>
 *
 * <ul>
 * <li>On a <b>method</b>: {@code value} is a path whose first name is a parameter's name
 *     ({@code "buyerId"}, {@code "request.order.buyerId"}; the class must be compiled with {@code -parameters}).</li>
 * <li>On a <b>parameter</b>: that parameter is the key, or {@code value} is a path inside it.</li>
 * <li>On a <b>field</b> (or record component) of a parameter's type: that field is the key of
 *     every method taking the type.</li>
 * </ul>
 * Path steps read a record component, a getter ({@code getX()} / {@code isX()}), or else the field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD})
public @interface UnitKey {

    /** A path of property names, as described above; empty: the annotated parameter or field itself. */
    String value() default "";

    /** What the key's value is. */
    Kind kind() default Kind.BUYER_ID;

    /**
     * {@link Kind#ROUTABLE_ID} only: the number of slot bits of the id (id-service's
     * {@code IdLayout.routable(slotBits)}; 14 holds the default 10,000 slots).
     */
    int slotBits() default RoutableIdSlot.DEFAULT_SLOT_BITS;

    /** {@link Kind#ROUTABLE_ID} only: the bits below the slot (the sequence bits of {@code IdLayout.routable}: 8). */
    int slotShift() default RoutableIdSlot.ROUTABLE_SEQUENCE_BITS;

    /** What a route key's value means. */
    enum Kind {
        /** a buyerId: slot = the rules' transform of it */
        BUYER_ID,
        /** an id minted by id-service in a routable layout (an order id): the slot is in its bits */
        ROUTABLE_ID
    }
}
