package io.unitize.shop.inventory;

import io.unitize.shop.api.OrderLine;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release that reaches the center before the reserve it undoes (the caller's reserve timed out,
 * the caller released, the reserve completed late) must leave no stock reserved.
 */
public class ReleaseBeforeReserveTest {

    /** stock_reservation, its lines and stock in memory, with the SQL's semantics. */
    static class Stock implements StockMapper {
        final Map<Long, String> reservations = new HashMap<>();
        final Map<Long, List<OrderLine>> lines = new HashMap<>();
        final Map<Long, Integer> available = new HashMap<>(Map.of(2L, 10));

        @Override
        public int claim(long orderId) {
            return reservations.putIfAbsent(orderId, "RESERVED") == null ? 1 : 0;
        }

        @Override
        public int take(long productId, int quantity) {
            int have = available.getOrDefault(productId, 0);
            if (have < quantity) {
                return 0;
            }
            available.put(productId, have - quantity);
            return 1;
        }

        @Override
        public int line(long orderId, long productId, int quantity) {
            OrderLine l = new OrderLine();
            l.setProductId(productId);
            l.setQuantity(quantity);
            lines.computeIfAbsent(orderId, k -> new ArrayList<>()).add(l);
            return 1;
        }

        @Override
        public int markReleased(long orderId) {
            return reservations.replace(orderId, "RESERVED", "RELEASED") ? 1 : 0;
        }

        @Override
        public int tombstone(long orderId) {
            return reservations.putIfAbsent(orderId, "RELEASED") == null ? 1 : 0;
        }

        @Override
        public List<OrderLine> lines(long orderId) {
            return lines.getOrDefault(orderId, List.of());
        }

        @Override
        public int giveBack(long productId, int quantity) {
            available.merge(productId, quantity, Integer::sum);
            return 1;
        }
    }

    /** runs the callback; commit and rollback do nothing (the fake has no transaction to end). */
    public static final class NoTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private final Stock stock = new Stock();
    private final InventoryServiceImpl inventory = new InventoryServiceImpl(stock, new TransactionTemplate(new NoTransactions()));

    private static List<OrderLine> threeOf(long productId) {
        OrderLine l = new OrderLine();
        l.setProductId(productId);
        l.setQuantity(3);
        return List.of(l);
    }

    @Test
    void a_reserve_arriving_after_its_release_takes_nothing() {
        assertThat(inventory.release(209)).isFalse();

        assertThat(inventory.reserve(209, threeOf(2))).isFalse();

        assertThat(stock.reservations).containsEntry(209L, "RELEASED");
        assertThat(stock.available).containsEntry(2L, 10);
    }

    @Test
    void a_release_after_the_reserve_gives_the_stock_back_once() {
        assertThat(inventory.reserve(209, threeOf(2))).isTrue();
        assertThat(stock.available).containsEntry(2L, 7);

        assertThat(inventory.release(209)).isTrue();
        assertThat(inventory.release(209)).isFalse();

        assertThat(stock.reservations).containsEntry(209L, "RELEASED");
        assertThat(stock.available).containsEntry(2L, 10);
    }
}
