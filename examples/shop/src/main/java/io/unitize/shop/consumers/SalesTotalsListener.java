package io.unitize.shop.consumers;

import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.order.OrderEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * CENTER-mode consumer of ORDER_EVENTS (group {@code sales-totals}): the center sees every unit's
 * orders and keeps sales per product in center tables. {@code sales_applied} holds the last applied
 * version per order, so a redelivered event changes nothing and a cancellation is subtracted once.
 *
 * <p>Concurrent events (the group's consume threads) must not deadlock: a deadlock's loser threw,
 * and RocketMQ delivers a thrown message again only 10 s, 30 s, 1 min … later, so its effect landed
 * long after the order (the drill counted calibration orders' events in a later scenario). So:
 * no locking read of an order's row that does not exist yet (under REPEATABLE READ it takes a gap
 * lock, and two first events of new orders — ids at the end of the index, one gap — then deadlock
 * on their inserts): the row is read without a lock, inserted when absent (a concurrent first
 * insert of the same order is a duplicate key: run again, it finds the row), locked only when it
 * exists; the totals' rows are taken in product order; and a transaction the database rolled back
 * (deadlock, lock wait timeout, that duplicate key) runs again right away, a few times.
 */
@Component("salesTotalsListener")
public class SalesTotalsListener implements UnitMessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(SalesTotalsListener.class);
    /** Attempts of one event's transaction when the database rolled it back (see {@link #retryable}). */
    static final int ATTEMPTS = 5;

    private final DataSource db;

    public SalesTotalsListener(DataSource db) {
        this.db = db;
    }

    @Override
    public void onMessage(UnitMessage m) throws Exception {
        OrderView order = OrderEvents.parse(m.body());
        long version = m.version().orElse(order.getVersion());
        boolean cancelled = "CANCELLED".equals(order.getStatus());
        // every transaction takes the totals' rows in product order: no two events wait for each other in a circle
        List<OrderLine> lines = order.getLines() == null ? List.of()
                : order.getLines().stream().sorted(Comparator.comparingLong(OrderLine::getProductId)).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                apply(order.getId(), version, cancelled, lines);
                return;
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                LOG.warn("UNITIZE-SHOP-060 sales totals of order {} (version {}): the database rolled the transaction back ({}), attempt {} of {};"
                        + " running it again; next: if this repeats, look for a transaction taking sales rows out of order", order.getId(), version,
                        e.getMessage(), attempt, ATTEMPTS);
            }
        }
    }

    private void apply(long orderId, long version, boolean cancelled, List<OrderLine> lines) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long prior = applied(c, orderId, false);
                if (prior != null) {
                    prior = applied(c, orderId, true); // the row exists: a record lock only, and the version as committed now
                }
                if (prior != null && prior >= version) {
                    c.rollback();
                    return; // applied before
                }
                long sign = prior == null ? (cancelled ? 0 : 1) : (cancelled ? -1 : 0);
                if (prior == null) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO sales_applied (order_id, version) VALUES (?, ?)")) {
                        ins.setLong(1, orderId);
                        ins.setLong(2, version);
                        ins.executeUpdate(); // a concurrent first event of this order inserted it: duplicate key, run again
                    }
                } else {
                    try (PreparedStatement up = c.prepareStatement("UPDATE sales_applied SET version = ? WHERE order_id = ?")) {
                        up.setLong(1, version);
                        up.setLong(2, orderId);
                        up.executeUpdate();
                    }
                }
                if (sign != 0) {
                    for (OrderLine l : lines) {
                        try (PreparedStatement t = c.prepareStatement(
                                "INSERT INTO sales_totals (product_id, units_sold, revenue_cents) VALUES (?, ?, ?) "
                                        + "ON DUPLICATE KEY UPDATE units_sold = units_sold + VALUES(units_sold), "
                                        + "revenue_cents = revenue_cents + VALUES(revenue_cents)")) {
                            t.setLong(1, l.getProductId());
                            t.setLong(2, sign * l.getQuantity());
                            t.setLong(3, sign * l.getQuantity() * l.getPriceCents());
                            t.executeUpdate();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The applied version of the order: a plain read, or with {@code lock} a locking read (used only for a row that exists). */
    private static Long applied(Connection c, long orderId, boolean lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM sales_applied WHERE order_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            q.setLong(1, orderId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * Whether the database rolled the statement's transaction back and running it again is the same
     * event: a deadlock (1213, SQLSTATE 40001), a lock wait timeout (1205), or the duplicate key of a
     * concurrent first insert (1062) — anywhere in the cause chain (the write guard may wrap it).
     */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1213 || s.getErrorCode() == 1205 || s.getErrorCode() == 1062
                    || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
