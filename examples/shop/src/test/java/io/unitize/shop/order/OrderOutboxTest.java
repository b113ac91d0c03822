package io.unitize.shop.order;

import io.unitize.shop.api.OrderLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill's lost CANCELLED event (UNITIZE-SHOP-011 logged, the client answered 200): every event
 * is an outbox row written with its change; a failed send leaves it unsent and the relay delivers
 * it once the broker is back, exactly the committed version, and never twice once sent.
 */
class OrderOutboxTest {

    private static final long BUYER = 16003;
    private static final long ORDER = 209;

    record Sent(String tags, String keys, long buyerId, long version) {
    }

    private final OrderCancelEventTest.Orders orders = new OrderCancelEventTest.Orders();
    private final OrderCancelEventTest.Inventory inventory = new OrderCancelEventTest.Inventory();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<Sent> delivered = new ArrayList<>();
    private boolean brokerDown;
    private final OutboxRelay relay = new OutboxRelay(outbox, (topic, tags, keys, body, buyerId, version) -> {
        if (brokerDown) {
            throw new IllegalStateException("RemotingConnectException: connect to 127.0.0.1:10911 failed");
        }
        assertThat(topic).isEqualTo("ORDER_EVENTS");
        assertThat(OrderEvents.parse(body).getVersion()).as("the body is the committed order").isEqualTo(version);
        delivered.add(new Sent(tags, keys, buyerId, version));
        return null;
    });
    private final OrderServiceImpl service = new OrderServiceImpl(orders, b -> ORDER, outbox, relay, null,
            InMemoryOutbox.transactions(), "unit-b", inventory);

    @Test
    void a_cancel_whose_send_fails_is_kept_in_the_outbox_and_delivered_when_the_broker_is_back() {
        orders.insertOrder(ORDER, BUYER, 300);
        brokerDown = true;

        assertThat(service.cancel(BUYER, ORDER).getStatus()).as("the client's answer").isEqualTo("CANCELLED");
        assertThat(delivered).isEmpty();
        assertThat(outbox.unsent(100)).extracting(OutboxEvent::tags, OutboxEvent::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CANCELLED", 2L));
        assertThat(relay.publishPending(100)).as("a relay pass while the broker is still down").isZero();

        brokerDown = false;
        assertThat(relay.publishPending(100)).isEqualTo(1);
        assertThat(delivered).containsExactly(new Sent("CANCELLED", "209", BUYER, 2));
        assertThat(relay.publishPending(100)).as("sent rows are not sent again").isZero();
    }

    @Test
    void a_placed_order_and_its_event_commit_together_and_a_failed_send_is_delivered_later() {
        brokerDown = true;

        service.place(BUYER, List.of(new OrderLine(1, 2, 450)));

        assertThat(orders.find(BUYER, ORDER)).isNotNull();
        assertThat(outbox.rows).containsOnlyKeys(new InMemoryOutbox.Key(ORDER, 1));
        brokerDown = false;
        relay.publishPending(100);
        assertThat(delivered).containsExactly(new Sent("PLACED", "209", BUYER, 1));
    }

    @Test
    void a_send_that_works_marks_the_row_sent_at_once() {
        orders.insertOrder(ORDER, BUYER, 300);

        service.cancel(BUYER, ORDER);

        assertThat(delivered).containsExactly(new Sent("CANCELLED", "209", BUYER, 2));
        assertThat(outbox.unsent(100)).isEmpty();
    }

    @Test
    void a_relay_pass_keeps_the_order_written_and_stops_at_the_first_failure() {
        outbox.insert(new OutboxEvent(1, 1, BUYER, "PLACED", OrderEvents.body(view(1, 1))), "unit-b");
        outbox.insert(new OutboxEvent(1, 2, BUYER, "CANCELLED", OrderEvents.body(view(1, 2))), "unit-b");

        assertThat(relay.publishPending(100)).isEqualTo(2);
        assertThat(delivered).extracting(Sent::version).containsExactly(1L, 2L);
    }

    private static io.unitize.shop.api.OrderView view(long id, long version) {
        io.unitize.shop.api.OrderView v = new io.unitize.shop.api.OrderView();
        v.setId(id);
        v.setBuyerId(BUYER);
        v.setVersion(version);
        v.setLines(List.of());
        return v;
    }
}
