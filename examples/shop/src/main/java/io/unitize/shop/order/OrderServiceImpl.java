package io.unitize.shop.order;

import io.unitize.core.UnitContext;
import io.unitize.shop.api.InventoryService;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderService;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.api.OutOfStockException;
import io.unitize.shop.OrderIdGenerator;
import io.unitize.shop.ShopProperties;
import org.apache.dubbo.config.annotation.DubboReference;
import org.apache.dubbo.config.annotation.DubboService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The order service of a unit. A place() runs: id from id-service -> stock reserved in the center
 * (idempotent by order id) -> order + items in one transaction through the write guard -> event.
 * If the transaction is refused (the buyer froze in between) the reservation is released, so no
 * stock stays reserved for an order that does not exist. Every event is first an outbox row
 * ({@code order_outbox}) written in the transaction of the change it announces, sent right after
 * the commit and, when that send fails, by the relay ({@link OutboxRelay}) until the broker takes it.
 * Before all that, the order's unpaid expiry is registered ({@link OrderExpiry}, {@link UnpaidOrderExpiry}).
 */
@DubboService
public class OrderServiceImpl implements OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderServiceImpl.class);
    static final String TOPIC = "ORDER_EVENTS";

    private final OrderMapper orders;
    private final LongUnaryOperator ids;
    private final OutboxMapper outbox;
    private final OutboxRelay relay;
    private final OrderCache cache;
    private final TransactionTemplate tx;
    private final String unit;
    private final OrderExpiry expiry;

    @DubboReference
    private InventoryService inventory;

    @Autowired
    public OrderServiceImpl(OrderMapper orders, OrderIdGenerator ids, OutboxMapper outbox, OutboxRelay relay, OrderCache cache,
                            TransactionTemplate tx, ShopProperties props, OrderExpiry expiry) {
        this(orders, ids::next, outbox, relay, cache, tx, props.getUnit(), null, expiry);
    }

    /** For tests of the framework-free steps: the outbox and the inventory given directly. */
    OrderServiceImpl(OrderMapper orders, LongUnaryOperator ids, OutboxMapper outbox, OutboxRelay relay, OrderCache cache,
                     TransactionTemplate tx, String unit, InventoryService inventory) {
        this(orders, ids, outbox, relay, cache, tx, unit, inventory, OrderExpiry.NONE);
    }

    /** For tests of the framework-free steps, with the unpaid-order expiry. */
    OrderServiceImpl(OrderMapper orders, LongUnaryOperator ids, OutboxMapper outbox, OutboxRelay relay, OrderCache cache,
                     TransactionTemplate tx, String unit, InventoryService inventory, OrderExpiry expiry) {
        this.expiry = expiry;
        this.orders = orders;
        this.ids = ids;
        this.outbox = outbox;
        this.relay = relay;
        this.cache = cache;
        this.tx = tx;
        this.unit = unit;
        this.inventory = inventory;
    }

    /** What publishing an ORDER_EVENTS message needs ({@link UnitProducer#send} in production). */
    @FunctionalInterface
    interface EventSender {
        Object send(String topic, String tags, String keys, byte[] body, Long buyerId, Long version) throws Exception;
    }

    @Override
    public OrderView place(long buyerId, List<OrderLine> lines) {
        long orderId = ids.applyAsLong(buyerId);
        long total = lines.stream().mapToLong(l -> l.getPriceCents() * l.getQuantity()).sum();
        try {
            // first: a task without its order (refused below) finds nothing to cancel; an order without its task would never expire
            expiry.schedule(buyerId, orderId);
        } catch (RuntimeException refused) {
            throw WriteRefusals.translate(buyerId, refused);
        }
        reserve(inventory, orderId, lines);
        OrderView placed;
        try (UnitContext.Scope s = UnitContext.enter(buyerId)) {
            placed = tx.execute(status -> {
                orders.insertOrder(orderId, buyerId, total);
                for (int i = 0; i < lines.size(); i++) {
                    orders.insertItem(orderId, i + 1, buyerId, lines.get(i));
                }
                OrderView written = read(buyerId, orderId);
                outbox.insert(OutboxEvent.of(written, "PLACED"), unit);
                return written;
            });
        } catch (RuntimeException refused) {
            releaseAfterRefusal(orderId, refused);
            throw WriteRefusals.translate(buyerId, refused);
        }
        relay.publishNow(OutboxEvent.of(placed, "PLACED"));
        return placed;
    }

    @Override
    public OrderView get(long buyerId, long orderId) {
        OrderView cached = cache.get(buyerId, orderId);
        if (cached != null) {
            cached.setServedByUnit(unit);
            return cached;
        }
        OrderView fresh = read(buyerId, orderId);
        if (fresh != null) {
            cache.put(fresh);
        }
        return fresh;
    }

    @Override
    public List<OrderView> list(long buyerId, int limit) {
        List<OrderView> out = new ArrayList<>();
        for (OrderRow row : orders.recent(buyerId, Math.max(1, Math.min(limit, 100)))) {
            out.add(view(row));
        }
        return out;
    }

    @Override
    public OrderView cancel(long buyerId, long orderId) {
        OrderView before = read(buyerId, orderId);
        if (before == null) {
            return null;
        }
        OrderView cancelled;
        try (UnitContext.Scope s = UnitContext.enter(buyerId)) {
            // the status change and its event commit together: a send or a release that fails later loses neither
            cancelled = tx.execute(status -> {
                if (orders.cancel(buyerId, orderId) != 1) {
                    return null;
                }
                OrderView after = read(buyerId, orderId);
                outbox.insert(OutboxEvent.of(after, "CANCELLED"), unit);
                return after;
            });
        } catch (RuntimeException refused) {
            throw WriteRefusals.translate(buyerId, refused);
        }
        if (cancelled == null && !"CANCELLED".equals(before.getStatus())) {
            return before;
        }
        // A repeated cancel (the client retrying one whose release failed) sends the event again (its outbox
        // row exists already; consumers are version-gated, so a duplicate changes nothing) and releases again
        // (idempotent by order id).
        OrderView after = cancelled != null ? cancelled : before;
        relay.publishNow(OutboxEvent.of(after, "CANCELLED"));
        inventory.release(orderId);
        return after;
    }

    /**
     * Reserves the order's stock. A call that fails without the center's answer (a Dubbo timeout) may
     * still have completed there: it is released (idempotent by order id; a release that comes first
     * leaves a RELEASED row, so the late reserve takes nothing), so no stock stays reserved for an order
     * that is never written. Out of stock reserved nothing, so there is nothing to release.
     */
    static void reserve(InventoryService inventory, long orderId, List<OrderLine> lines) {
        try {
            inventory.reserve(orderId, lines);
        } catch (OutOfStockException nothingReserved) {
            throw nothingReserved;
        } catch (RuntimeException unanswered) {
            releaseAfterRefusal(inventory, orderId, unanswered);
            throw unanswered;
        }
    }

    private void releaseAfterRefusal(long orderId, RuntimeException refused) {
        releaseAfterRefusal(inventory, orderId, refused);
    }

    private static void releaseAfterRefusal(InventoryService inventory, long orderId, RuntimeException refused) {
        try {
            inventory.release(orderId);
        } catch (RuntimeException e) {
            // the reservation stays; the center's reservation row names the order for a reconciliation job
            log.warn("UNITIZE-SHOP-010 order {} was refused ({}) and its stock could not be released: {}; "
                    + "next step: release it with InventoryService.release({})", orderId, refused.getMessage(), e.toString(), orderId);
        }
    }

    OrderView read(long buyerId, long orderId) {
        OrderRow row = orders.find(buyerId, orderId);
        return row == null ? null : view(row);
    }

    private OrderView view(OrderRow row) {
        OrderView v = new OrderView();
        v.setId(row.id);
        v.setBuyerId(row.buyerId);
        v.setStatus(row.status);
        v.setTotalCents(row.totalCents);
        v.setVersion(row.version);
        v.setCreatedAt(row.createdAt == null ? null : row.createdAt.toInstant().toString());
        v.setWrittenByServer(row.writtenByServer == null ? 0 : row.writtenByServer);
        v.setUpdatedByServer(row.updatedByServer);
        v.setServedByUnit(unit);
        v.setLines(orders.items(row.id));
        return v;
    }
}
