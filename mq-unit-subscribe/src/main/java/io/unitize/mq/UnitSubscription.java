package io.unitize.mq;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a consumer group on a {@link UnitMessageListener} bean (the Spring Boot starter starts it):
 *
 * <pre>{@code
 * @Component
 * @UnitSubscription(group = "order-projector", mode = SubscriptionMode.UNIT, topics = "ORDER_EVENTS")
 * class OrderProjector implements UnitMessageListener { public void onMessage(UnitMessage m) { ... } }
 * }</pre>
 *
 * Configuration under {@code unitize.mq.consumers.<group>} declares the same without the annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UnitSubscription {

    String group();

    SubscriptionMode mode();

    String[] topics();

    /** RocketMQ tag expression. */
    String tags() default "*";

    NoBuyerPolicy noBuyer() default NoBuyerPolicy.CENTER;
}
