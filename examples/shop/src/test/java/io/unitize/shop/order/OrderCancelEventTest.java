package io.unitize.shop.order;

import io.unitize.shop.api.InventoryService;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drill's lost CANCELLED event: the cancel committed, then the release of the stock (a Dubbo
 * call to the center) timed out, and the event was never published; the client's retry found the
 * order CANCELLED and published nothing either, so neither consumer ever saw the cancel.
 */
class OrderCancelEventTest {

    private static final long BUYER = 16003;
    private static final long ORDER = 209;

    /** orders of one buyer in memory, cancel as the SQL does it (status and version). */
    static final class Orders implements OrderMapper {
        final Map<Long, OrderRow> rows = new HashMap<>();

        @Override
        public int insertOrder(long id, long buyerId, long totalCents) {
            OrderRow r = new OrderRow();
            r.id = id;
            r.buyerId = buyerId;
            r.status = "PLACED";
            r.totalCents = totalCents;
            r.version = 1;
            rows.put(id, r);
            return 1;
        }

        @Override
        public int insertItem(long orderId, int lineNo, long buyerId, OrderLine line) {
            return 1;
        }

        @Override
        public int cancel(long buyerId, long id) {
            OrderRow r = rows.get(id);
            if (r == null || !"PLACED".equals(r.status)) {
                return 0;
            }
            r.status = "CANCELLED";
            r.version++;
            return 1;
        }

        @Override
        public OrderRow find(long buyerId, long id) {
            OrderRow r = rows.get(id);
            return r != null && r.buyerId == buyerId ? r : null;
        }

        @Override
        public List<OrderRow> recent(long buyerId, int limit) {
            return List.of();
        }

        @Override
        public List<OrderLine> items(long orderId) {
            return List.of();
        }
    }

    /** the center's inventory; release fails while {@code down}, and is idempotent by order id. */
    static final class Inventory implements InventoryService {
        boolean down;
        final List<Long> released = new ArrayList<>();

        @Override
        public boolean reserve(long orderId, List<OrderLine> lines) {
            return true;
        }

        @Override
        public boolean release(long orderId) {
            if (down) {
                throw new IllegalStateException("RpcException code 2: Waiting server-side response timeout");
            }
            if (released.contains(orderId)) {
                return false;
            }
            released.add(orderId);
            return true;
        }
    }

    record Sent(String tags, String keys, long version) {
    }

    private final Orders orders = new Orders();
    private final Inventory inventory = new Inventory();
    private final List<Sent> sent = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final OrderServiceImpl service = new OrderServiceImpl(orders, null, outbox, new OutboxRelay(outbox,
            (topic, tags, keys, body, buyerId, version) -> sent.add(new Sent(tags, keys, version))), null,
            InMemoryOutbox.transactions(), "unit-b", inventory);

    @Test
    void a_cancel_whose_release_times_out_still_publishes_its_event() {
        orders.insertOrder(ORDER, BUYER, 300);
        inventory.down = true;

        assertThatThrownBy(() -> service.cancel(BUYER, ORDER)).hasMessageContaining("RpcException");

        assertThat(orders.find(BUYER, ORDER).status).isEqualTo("CANCELLED");
        assertThat(sent).containsExactly(new Sent("CANCELLED", "209", 2));
        assertThat(outbox.sent).as("the outbox row, written with the cancel, is sent").containsExactly(new InMemoryOutbox.Key(ORDER, 2));
    }

    @Test
    void the_retry_of_a_failed_cancel_releases_and_publishes_again() {
        orders.insertOrder(ORDER, BUYER, 300);
        inventory.down = true;
        assertThatThrownBy(() -> service.cancel(BUYER, ORDER));
        inventory.down = false;
        sent.clear();

        OrderView retried = service.cancel(BUYER, ORDER);

        assertThat(retried.getStatus()).isEqualTo("CANCELLED");
        assertThat(retried.getVersion()).isEqualTo(2);
        assertThat(inventory.released).containsExactly(ORDER);
        assertThat(sent).containsExactly(new Sent("CANCELLED", "209", 2));
    }

    @Test
    void a_cancel_publishes_once_and_releases_once() {
        orders.insertOrder(ORDER, BUYER, 300);

        OrderView cancelled = service.cancel(BUYER, ORDER);

        assertThat(cancelled.getStatus()).isEqualTo("CANCELLED");
        assertThat(inventory.released).containsExactly(ORDER);
        assertThat(sent).containsExactly(new Sent("CANCELLED", "209", 2));
    }

    @Test
    void cancelling_an_unknown_order_changes_nothing() {
        assertThat(service.cancel(BUYER, 999)).isNull();
        assertThat(sent).isEmpty();
        assertThat(inventory.released).isEmpty();
    }
}
