package io.unitize.shop.inventory;

import io.unitize.shop.api.OrderLine;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stock rows are taken in product order whatever the order's lines say (two reserves of the same
 * products in another order deadlocked under the drill's load: 500 to the client), and a
 * transaction the database rolled back as a deadlock's loser runs again, at most a few times.
 */
class StockLockOrderTest {

    /** The in-memory stock of {@link ReleaseBeforeReserveTest}, recording the order of take(), losing the first {@code deadlocks} claims. */
    static final class Recording extends ReleaseBeforeReserveTest.Stock {
        final List<Long> taken = new ArrayList<>();
        int deadlocks;

        Recording(int deadlocks) {
            this.deadlocks = deadlocks;
            available.putAll(Map.of(1L, 10, 3L, 10));
        }

        @Override
        public int claim(long orderId) {
            if (deadlocks > 0) {
                deadlocks--;
                throw new PessimisticLockingFailureException("Deadlock found when trying to get lock; try restarting transaction");
            }
            return super.claim(orderId);
        }

        @Override
        public int take(long productId, int quantity) {
            taken.add(productId);
            return super.take(productId, quantity);
        }
    }

    private static OrderLine line(long productId, int quantity) {
        OrderLine l = new OrderLine();
        l.setProductId(productId);
        l.setQuantity(quantity);
        return l;
    }

    private static InventoryServiceImpl inventory(Recording stock) {
        return new InventoryServiceImpl(stock, new TransactionTemplate(new ReleaseBeforeReserveTest.NoTransactions()));
    }

    @Test
    void a_reserve_takes_the_stock_rows_in_product_order() {
        Recording stock = new Recording(0);

        assertThat(inventory(stock).reserve(7, List.of(line(3, 1), line(1, 2), line(2, 1)))).isTrue();

        assertThat(stock.taken).containsExactly(1L, 2L, 3L);
        assertThat(stock.available).containsEntry(1L, 8).containsEntry(2L, 9).containsEntry(3L, 9);
    }

    @Test
    void a_reserve_that_lost_a_deadlock_runs_again_and_reserves_once() {
        Recording stock = new Recording(InventoryServiceImpl.ATTEMPTS - 1);

        assertThat(inventory(stock).reserve(7, List.of(line(1, 2)))).isTrue();

        assertThat(stock.reservations).containsEntry(7L, "RESERVED");
        assertThat(stock.available).containsEntry(1L, 8);
    }

    @Test
    void a_deadlock_on_every_attempt_is_the_callers_error_and_nothing_is_reserved() {
        Recording stock = new Recording(InventoryServiceImpl.ATTEMPTS);

        assertThatThrownBy(() -> inventory(stock).reserve(7, List.of(line(1, 2)))).isInstanceOf(PessimisticLockingFailureException.class);

        assertThat(stock.reservations).doesNotContainKey(7L);
        assertThat(stock.available).containsEntry(1L, 10);
    }
}
