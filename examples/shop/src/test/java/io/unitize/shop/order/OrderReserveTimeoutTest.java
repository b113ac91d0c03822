package io.unitize.shop.order;

import io.unitize.shop.api.InventoryService;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OutOfStockException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drill's orphan reservations: the reserve call timed out at the caller but completed in the
 * center; the order was never written and the stock stayed RESERVED.
 */
class OrderReserveTimeoutTest {

    /** reserves in the "center", then the answer is lost ({@code timeOut}) or stock is short ({@code outOfStock}). */
    static final class Center implements InventoryService {
        boolean timeOut;
        boolean outOfStock;
        final List<Long> reserved = new ArrayList<>();
        final List<Long> released = new ArrayList<>();

        @Override
        public boolean reserve(long orderId, List<OrderLine> lines) {
            if (outOfStock) {
                throw new OutOfStockException(1, 5);
            }
            reserved.add(orderId);
            if (timeOut) {
                throw new IllegalStateException("RpcException code 2: Waiting server-side response timeout");
            }
            return true;
        }

        @Override
        public boolean release(long orderId) {
            return reserved.contains(orderId) && !released.contains(orderId) && released.add(orderId);
        }
    }

    private final Center center = new Center();

    @Test
    void a_reserve_that_timed_out_at_the_caller_is_released() {
        center.timeOut = true;

        assertThatThrownBy(() -> OrderServiceImpl.reserve(center, 209, List.of())).hasMessageContaining("RpcException");

        assertThat(center.reserved).containsExactly(209L);
        assertThat(center.released).containsExactly(209L);
    }

    @Test
    void out_of_stock_reserved_nothing_and_releases_nothing() {
        center.outOfStock = true;

        assertThatThrownBy(() -> OrderServiceImpl.reserve(center, 209, List.of())).isInstanceOf(OutOfStockException.class);

        assertThat(center.released).isEmpty();
    }

    @Test
    void a_reserve_that_answered_is_kept() {
        OrderServiceImpl.reserve(center, 209, List.of());

        assertThat(center.reserved).containsExactly(209L);
        assertThat(center.released).isEmpty();
    }
}
