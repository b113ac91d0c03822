package io.unitize.shop.inventory;

import io.unitize.shop.api.InventoryService;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OutOfStockException;
import org.apache.dubbo.config.annotation.DubboService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Comparator;
import java.util.List;

/**
 * Stock in the center. Each order's reservation is one row keyed by the order id: the first
 * reserve() inserts it and takes the stock in the same transaction; any later call (a retry, the
 * same order after a cutover) finds the row and changes nothing. A release of an order without a
 * reservation leaves the row RELEASED, so a reserve that arrives after it (the caller's timed-out
 * call completing late) takes nothing either. Exported only in the center unit
 * (the write guard would refuse its CENTER tables anywhere else).
 */
@DubboService
@ConditionalOnProperty(name = "unitize.unit", havingValue = "center")
public class InventoryServiceImpl implements InventoryService {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryServiceImpl.class);
    private final StockMapper stock;
    private final TransactionTemplate tx;

    public InventoryServiceImpl(StockMapper stock, TransactionTemplate tx) {
        this.stock = stock;
        this.tx = tx;
    }

    /** Attempts of one reserve or release when the database picked it as a deadlock's loser (it rolled back whole). */
    static final int ATTEMPTS = 3;

    @Override
    public boolean reserve(long orderId, List<OrderLine> lines) {
        // every transaction takes the stock rows in product order: two orders of the same products in another
        // order (or a release, which reads its lines in product order) cannot deadlock on them
        List<OrderLine> inProductOrder = lines.stream().sorted(Comparator.comparingLong(OrderLine::getProductId)).toList();
        return inTransaction(() -> {
            if (stock.claim(orderId) == 0) {
                return false; // reserved (or released) before: exactly once per order
            }
            for (OrderLine l : inProductOrder) {
                if (stock.take(l.getProductId(), l.getQuantity()) != 1) {
                    throw new OutOfStockException(l.getProductId(), l.getQuantity()); // rolls the whole reservation back
                }
                stock.line(orderId, l.getProductId(), l.getQuantity());
            }
            return true;
        });
    }

    @Override
    public boolean release(long orderId) {
        return inTransaction(() -> {
            // released before, or not reserved (yet): the RELEASED row makes a late reserve take nothing; if a
            // reserve committed while the tombstone waited for its row, that reservation is released now
            if (stock.markReleased(orderId) == 0 && (stock.tombstone(orderId) == 1 || stock.markReleased(orderId) == 0)) {
                return false;
            }
            for (OrderLine l : stock.lines(orderId)) {
                stock.giveBack(l.getProductId(), l.getQuantity());
            }
            return true;
        });
    }

    /**
     * One transaction; again (at most {@link #ATTEMPTS} times) when the database rolled it back as a
     * deadlock's loser or a lock wait timed out: nothing of it was written, so running it again is the
     * same call. (The drill found reserves failing with 500 on a deadlock under load.)
     */
    private boolean inTransaction(java.util.function.Supplier<Boolean> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Boolean.TRUE.equals(tx.execute(status -> work.get()));
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warn("UNITIZE-SHOP-050 stock transaction lost a lock conflict ({}), attempt {} of {}: running it again; "
                        + "next: if this repeats, look for a transaction taking stock rows out of product order", e.getClass().getSimpleName(),
                        attempt, ATTEMPTS);
            }
        }
    }
}
