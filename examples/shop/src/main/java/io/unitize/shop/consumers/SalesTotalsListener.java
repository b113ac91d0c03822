package io.unitize.shop.consumers;

import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.order.OrderEvents;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * CENTER-mode consumer of ORDER_EVENTS (group {@code sales-totals}): the center sees every unit's
 * orders and keeps sales per product in center tables. {@code sales_applied} holds the last applied
 * version per order, so a redelivered event changes nothing and a cancellation is subtracted once.
 */
@Component("salesTotalsListener")
public class SalesTotalsListener implements UnitMessageListener {

    private final DataSource db;

    public SalesTotalsListener(DataSource db) {
        this.db = db;
    }

    @Override
    public void onMessage(UnitMessage m) throws Exception {
        OrderView order = OrderEvents.parse(m.body());
        long version = m.version().orElse(order.getVersion());
        boolean cancelled = "CANCELLED".equals(order.getStatus());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long prior = applied(c, order.getId());
                if (prior != null && prior >= version) {
                    c.rollback();
                    return; // applied before
                }
                long sign = prior == null ? (cancelled ? 0 : 1) : (cancelled ? -1 : 0);
                if (prior == null) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO sales_applied (order_id, version) VALUES (?, ?)")) {
                        ins.setLong(1, order.getId());
                        ins.setLong(2, version);
                        ins.executeUpdate();
                    }
                } else {
                    try (PreparedStatement up = c.prepareStatement("UPDATE sales_applied SET version = ? WHERE order_id = ?")) {
                        up.setLong(1, version);
                        up.setLong(2, order.getId());
                        up.executeUpdate();
                    }
                }
                if (sign != 0) {
                    for (OrderLine l : order.getLines()) {
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
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Long applied(Connection c, long orderId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM sales_applied WHERE order_id = ? FOR UPDATE")) {
            q.setLong(1, orderId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
