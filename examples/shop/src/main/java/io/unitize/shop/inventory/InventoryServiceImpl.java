package io.unitize.shop.inventory;

import io.unitize.shop.api.InventoryService;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OutOfStockException;
import org.apache.dubbo.config.annotation.DubboService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final StockMapper stock;
    private final TransactionTemplate tx;

    public InventoryServiceImpl(StockMapper stock, TransactionTemplate tx) {
        this.stock = stock;
        this.tx = tx;
    }

    @Override
    public boolean reserve(long orderId, List<OrderLine> lines) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (stock.claim(orderId) == 0) {
                return false; // reserved (or released) before: exactly once per order
            }
            for (OrderLine l : lines) {
                if (stock.take(l.getProductId(), l.getQuantity()) != 1) {
                    throw new OutOfStockException(l.getProductId(), l.getQuantity()); // rolls the whole reservation back
                }
                stock.line(orderId, l.getProductId(), l.getQuantity());
            }
            return true;
        }));
    }

    @Override
    public boolean release(long orderId) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // released before, or not reserved (yet): the RELEASED row makes a late reserve take nothing; if a
            // reserve committed while the tombstone waited for its row, that reservation is released now
            if (stock.markReleased(orderId) == 0 && (stock.tombstone(orderId) == 1 || stock.markReleased(orderId) == 0)) {
                return false;
            }
            for (OrderLine l : stock.lines(orderId)) {
                stock.giveBack(l.getProductId(), l.getQuantity());
            }
            return true;
        }));
    }
}
