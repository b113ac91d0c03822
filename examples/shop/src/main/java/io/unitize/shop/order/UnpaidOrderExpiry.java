package io.unitize.shop.order;

import io.unitize.jobs.timeout.FiredTimeout;
import io.unitize.jobs.timeout.TimeoutCallback;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutTask;
import io.unitize.shop.api.OrderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Unpaid orders, through unit-jobs' timeout center. The shop has no payment step, so "unpaid" means
 * still {@code PLACED}: {@link Scheduler} registers a task per order (key {@code unpaid-<orderId>},
 * due {@code shop.orders.unpaid-timeout} after the place) in the buyer's home unit, and when it fires
 * there this callback cancels the order if it is still PLACED, through the order service's own
 * cancel (status + version, the CANCELLED outbox event, the stock release, and so the cache
 * invalidation). An order cancelled or gone by then is left as it is: the task may fire more than
 * once (at-least-once), its effect happens once.
 */
public final class UnpaidOrderExpiry implements TimeoutCallback {

    /** The callback's name (its bean name) in every task this shop registers. */
    public static final String CALLBACK = "cancel-unpaid";

    private static final Logger log = LoggerFactory.getLogger(UnpaidOrderExpiry.class);

    /** What a fire did. */
    public enum Outcome {
        /** The order was still PLACED and is cancelled now. */
        CANCELLED,
        /** The order was no longer PLACED (the buyer cancelled it, or an earlier fire did): nothing changed. */
        NOT_PLACED,
        /** No such order (its place was refused after the task was registered): nothing changed. */
        NO_ORDER
    }

    private final Supplier<OrderServiceImpl> orders;

    /** {@code orders} is looked up at the first fire (the order service needs the timeout center, which needs this callback). */
    public UnpaidOrderExpiry(Supplier<OrderServiceImpl> orders) {
        this.orders = orders;
    }

    /** The task's idempotency key: one expiry per order. */
    public static String key(long orderId) {
        return "unpaid-" + orderId;
    }

    @Override
    public void onTimeout(FiredTimeout fired) {
        long orderId;
        try {
            orderId = Long.parseLong(fired.task().payload());
        } catch (NumberFormatException e) {
            // a payload that is not an order id never becomes one: retrying would not help
            log.warn("UNITIZE-SHOP-050 timeout task {} of buyer {} names no order (payload '{}'); nothing cancelled; "
                    + "next step: cancel the order by hand if it should expire", fired.task().key(), fired.task().buyerId(), fired.task().payload());
            return;
        }
        Outcome outcome = expire(fired.task().buyerId(), orderId);
        log.debug("unpaid order {} of buyer {} at attempt {} in {}: {}", orderId, fired.task().buyerId(), fired.attempt(), fired.unit(), outcome);
    }

    /**
     * Cancels the order if it is still PLACED. A refusal of the write (the buyer froze, or moved) throws, so the
     * timeout center puts the task back and fires it again later, in whichever unit is then the buyer's home.
     */
    public Outcome expire(long buyerId, long orderId) {
        OrderServiceImpl service = orders.get();
        OrderView now = service.read(buyerId, orderId);
        if (now == null) {
            return Outcome.NO_ORDER;
        }
        if (!"PLACED".equals(now.getStatus())) {
            return Outcome.NOT_PLACED;
        }
        OrderView after = service.cancel(buyerId, orderId);
        return after != null && "CANCELLED".equals(after.getStatus()) ? Outcome.CANCELLED : Outcome.NOT_PLACED;
    }

    /** Registers an order's expiry in the timeout center (the order service's {@link OrderExpiry}). */
    public static final class Scheduler implements OrderExpiry {
        private final TimeoutCenter center;
        private final Duration after;
        private final Clock clock;

        public Scheduler(TimeoutCenter center, Duration after, Clock clock) {
            this.center = center;
            this.after = after;
            this.clock = clock;
        }

        @Override
        public void schedule(long buyerId, long orderId) {
            center.register(new TimeoutTask(buyerId, key(orderId), CALLBACK, clock.instant().plus(after), Long.toString(orderId)));
        }
    }
}
