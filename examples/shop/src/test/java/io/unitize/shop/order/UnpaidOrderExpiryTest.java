package io.unitize.shop.order;

import io.unitize.core.UnitWriteFrozenException;
import io.unitize.jobs.timeout.FiredTimeout;
import io.unitize.jobs.timeout.TimeoutTask;
import io.unitize.shop.api.BuyerFrozenException;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unpaid-order callback: a fire cancels an order still PLACED through the order service's own
 * cancel (event once, stock released once), and changes nothing for an order that is cancelled
 * already, gone, or fired a second time.
 */
class UnpaidOrderExpiryTest {

    private static final long BUYER = 6042;
    private static final long ORDER = 311;

    private final OrderCancelEventTest.Orders orders = new OrderCancelEventTest.Orders();
    private final OrderCancelEventTest.Inventory inventory = new OrderCancelEventTest.Inventory();
    private final List<OrderCancelEventTest.Sent> sent = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<long[]> scheduled = new ArrayList<>();
    private final OrderServiceImpl service = new OrderServiceImpl(orders, buyer -> ORDER, outbox, new OutboxRelay(outbox,
            (topic, tags, keys, body, buyerId, version) -> sent.add(new OrderCancelEventTest.Sent(tags, keys, version))), null,
            InMemoryOutbox.transactions(), "unit-b", inventory, (buyer, order) -> scheduled.add(new long[]{buyer, order}));
    private final UnpaidOrderExpiry expiry = new UnpaidOrderExpiry(() -> service);

    private static FiredTimeout fired(long orderId, int attempt) {
        return new FiredTimeout(new TimeoutTask(BUYER, UnpaidOrderExpiry.key(orderId), UnpaidOrderExpiry.CALLBACK,
                Instant.parse("2026-12-02T15:00:00Z"), Long.toString(orderId)), attempt, "unit-b");
    }

    @Test
    void an_order_still_placed_at_its_timeout_is_cancelled_through_the_cancel_path() {
        orders.insertOrder(ORDER, BUYER, 300);

        assertThat(expiry.expire(BUYER, ORDER)).isEqualTo(UnpaidOrderExpiry.Outcome.CANCELLED);

        assertThat(orders.find(BUYER, ORDER).status).isEqualTo("CANCELLED");
        assertThat(orders.find(BUYER, ORDER).version).isEqualTo(2);
        assertThat(inventory.released).containsExactly(ORDER);
        assertThat(sent).containsExactly(new OrderCancelEventTest.Sent("CANCELLED", "311", 2));
        assertThat(outbox.rows).containsOnlyKeys(new InMemoryOutbox.Key(ORDER, 2));
    }

    @Test
    void an_order_the_buyer_cancelled_first_is_left_alone() {
        orders.insertOrder(ORDER, BUYER, 300);
        service.cancel(BUYER, ORDER);
        sent.clear();
        inventory.released.clear();

        expiry.onTimeout(fired(ORDER, 1));

        assertThat(expiry.expire(BUYER, ORDER)).isEqualTo(UnpaidOrderExpiry.Outcome.NOT_PLACED);
        assertThat(orders.find(BUYER, ORDER).version).isEqualTo(2);
        assertThat(sent).as("no second CANCELLED event").isEmpty();
        assertThat(inventory.released).as("no second release").isEmpty();
    }

    @Test
    void a_task_fired_again_cancels_once() {
        orders.insertOrder(ORDER, BUYER, 300);

        expiry.onTimeout(fired(ORDER, 1));
        expiry.onTimeout(fired(ORDER, 2)); // at least once: a crash before FIRED fires it again

        assertThat(orders.find(BUYER, ORDER).version).isEqualTo(2);
        assertThat(inventory.released).containsExactly(ORDER);
        assertThat(sent).containsExactly(new OrderCancelEventTest.Sent("CANCELLED", "311", 2));
    }

    @Test
    void a_task_whose_order_was_never_written_changes_nothing() {
        assertThat(expiry.expire(BUYER, 999)).isEqualTo(UnpaidOrderExpiry.Outcome.NO_ORDER);
        expiry.onTimeout(new FiredTimeout(new TimeoutTask(BUYER, "unpaid-x", UnpaidOrderExpiry.CALLBACK, Instant.EPOCH, "x"), 1, "unit-b"));

        assertThat(sent).isEmpty();
        assertThat(inventory.released).isEmpty();
    }

    @Test
    void place_schedules_the_expiry_of_its_order_before_writing_it() {
        OrderView placed = service.place(BUYER, List.of(new OrderLine(1, 1, 100)));

        assertThat(placed.getStatus()).isEqualTo("PLACED");
        assertThat(scheduled).containsExactly(new long[]{BUYER, ORDER});
    }

    @Test
    void a_refused_registration_refuses_the_place_and_writes_nothing() {
        OrderServiceImpl refusing = new OrderServiceImpl(orders, buyer -> ORDER, outbox, new OutboxRelay(outbox,
                (topic, tags, keys, body, buyerId, version) -> sent.add(new OrderCancelEventTest.Sent(tags, keys, version))), null,
                InMemoryOutbox.transactions(), "unit-b", inventory, (buyer, order) -> {
                    throw new UnitWriteFrozenException(buyer, (int) (buyer % 10_000), 7);
                });

        assertThatThrownBy(() -> refusing.place(BUYER, List.of(new OrderLine(1, 1, 100)))).isInstanceOf(BuyerFrozenException.class);

        assertThat(orders.rows).isEmpty();
        assertThat(sent).isEmpty();
    }
}
