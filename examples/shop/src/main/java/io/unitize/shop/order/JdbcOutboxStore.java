package io.unitize.shop.order;

import io.unitize.shop.ShopProperties;
import io.unitize.shop.jdbc.PlainJdbc;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * This unit's rows of {@code order_outbox}, for {@link OutboxRelay}. It reads and marks only the rows
 * this unit wrote ({@code origin_unit}), with the plain pool: marking sent is the relay's bookkeeping,
 * not a buyer's write, and must also work after a cutover moved the buyer away (the guard would
 * refuse it there).
 */
@Component
public class JdbcOutboxStore implements OutboxRelay.Store {

    static final String UNSENT = "SELECT order_id, version, buyer_id, tags, body FROM order_outbox WHERE origin_unit = ?"
            + " AND sent_at IS NULL AND created_at < NOW(3) - INTERVAL 2 SECOND ORDER BY created_at, order_id, version LIMIT ?";
    static final String MARK = "UPDATE order_outbox SET sent_at = NOW(3) WHERE order_id = ? AND version = ? AND origin_unit = ?"
            + " AND sent_at IS NULL";
    /** Sent rows are kept a day (for an operator's look), then dropped by their unit. */
    static final String PURGE = "DELETE FROM order_outbox WHERE origin_unit = ? AND sent_at < NOW(3) - INTERVAL 1 DAY LIMIT 500";

    private final DataSource plain;
    private final String unit;

    public JdbcOutboxStore(PlainJdbc plain, ShopProperties props) {
        this.plain = plain.dataSource();
        this.unit = props.getUnit();
    }

    /** Drops this unit's rows sent more than a day ago. */
    void purgeSent() throws SQLException {
        try (Connection c = plain.getConnection(); PreparedStatement d = c.prepareStatement(PURGE)) {
            d.setString(1, unit);
            d.executeUpdate();
        }
    }

    @Override
    public List<OutboxEvent> unsent(int limit) throws SQLException {
        List<OutboxEvent> out = new ArrayList<>();
        try (Connection c = plain.getConnection(); PreparedStatement q = c.prepareStatement(UNSENT)) {
            q.setString(1, unit);
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEvent(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)));
                }
            }
        }
        return out;
    }

    @Override
    public void markSent(OutboxEvent e) throws SQLException {
        try (Connection c = plain.getConnection(); PreparedStatement u = c.prepareStatement(MARK)) {
            u.setLong(1, e.orderId());
            u.setLong(2, e.version());
            u.setString(3, unit);
            u.executeUpdate();
        }
    }
}
