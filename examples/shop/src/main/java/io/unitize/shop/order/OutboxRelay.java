package io.unitize.shop.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Publishes the outbox's rows (framework-free): right after the transaction that wrote one
 * ({@link #publishNow}), and again on every relay pass for whatever is still unsent
 * ({@link #publishPending}), in the order written, until the broker takes it. A row is marked
 * sent only after the broker acknowledged it: at least once, never lost.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** This unit's outbox rows. */
    public interface Store {
        /** Up to {@code limit} rows this unit wrote and has not sent, oldest first (rows younger than a moment are left to publishNow). */
        List<OutboxEvent> unsent(int limit) throws Exception;

        void markSent(OutboxEvent event) throws Exception;
    }

    private final Store store;
    private final OrderServiceImpl.EventSender sender;

    public OutboxRelay(Store store, OrderServiceImpl.EventSender sender) {
        this.store = store;
        this.sender = sender;
    }

    /** Sends a row just committed; a failure leaves it to the relay. Returns whether it was sent. */
    public boolean publishNow(OutboxEvent e) {
        try {
            send(e);
            return true;
        } catch (Exception ex) {
            log.warn("UNITIZE-SHOP-011 order {} {} (version {}) is committed but its event could not be published now: {}; it stays in"
                    + " the outbox and the relay retries; next step: check the unit's RocketMQ", e.orderId(), e.tags(), e.version(), ex.toString());
            return false;
        }
    }

    /** One relay pass: sends the unsent rows in order, stopping at the first failure (retried next pass). Returns how many were sent. */
    public int publishPending(int limit) {
        int sent = 0;
        try {
            for (OutboxEvent e : store.unsent(limit)) {
                send(e);
                sent++;
            }
        } catch (Exception ex) {
            log.warn("UNITIZE-SHOP-012 the outbox relay could not publish ({} sent in this pass): {}; next step: the next pass"
                    + " retries; check the unit's RocketMQ and database", sent, ex.toString());
        }
        return sent;
    }

    private void send(OutboxEvent e) throws Exception {
        sender.send(OrderServiceImpl.TOPIC, e.tags(), String.valueOf(e.orderId()), e.body(), e.buyerId(), e.version());
        store.markSent(e);
    }
}
