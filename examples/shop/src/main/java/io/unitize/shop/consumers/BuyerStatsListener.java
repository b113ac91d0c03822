package io.unitize.shop.consumers;

import io.unitize.db.WriteHint;
import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.jdbc.JdbcVersionGate;
import io.unitize.shop.ShopProperties;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.order.OrderEvents;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * UNIT-mode consumer of ORDER_EVENTS (group {@code buyer-stats}): each order's events change the
 * buyer's statistics once, in the buyer's home unit. The version gate (a unit table, replicated
 * with the data) makes a redelivered or replayed event harmless, also after a cutover. A frozen
 * buyer's write is refused by the guard: the listener throws and RocketMQ delivers it again later.
 */
@Component("buyerStatsListener")
public class BuyerStatsListener implements UnitMessageListener {

    static final String UPSERT = "INSERT INTO buyer_stats_by_unit (buyer_id, unit, orders_placed, items_bought, orders_cancelled)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE orders_placed = orders_placed + VALUES(orders_placed),"
            + " items_bought = items_bought + VALUES(items_bought), orders_cancelled = orders_cancelled + VALUES(orders_cancelled)";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuyerStatsListener.class);
    private final DataSource db;
    private final String unit;

    public BuyerStatsListener(DataSource db, ShopProperties props) {
        this.db = db;
        this.unit = props.getUnit();
    }

    /**
     * A transaction the database rolled back (a deadlock: the locking read of a new order's missing gate
     * row takes a gap lock two new orders' inserts then wait on) runs again at once, a few times: thrown,
     * RocketMQ would deliver it again only 10 s+ later, and by then a cutover may have moved the buyer,
     * so no unit applies it any more (the drill's lost increments of moved buyers).
     */
    @Override
    public void onMessage(UnitMessage m) throws Exception {
        OrderView order = OrderEvents.parse(m.body());
        long version = m.version().orElse(order.getVersion());
        int items = order.getLines().stream().mapToInt(l -> l.getQuantity()).sum();
        boolean cancelled = "CANCELLED".equals(order.getStatus());
        for (int attempt = 1; ; attempt++) {
            try {
                apply(order, version, items, cancelled);
                return;
            } catch (SQLException e) {
                if (attempt >= SalesTotalsListener.ATTEMPTS || !SalesTotalsListener.retryable(e)) {
                    throw e;
                }
                LOG.warn("UNITIZE-SHOP-061 buyer stats of order {} (version {}): the database rolled the transaction back ({}), attempt {} of {};"
                        + " running it again", order.getId(), version, e.getMessage(), attempt, SalesTotalsListener.ATTEMPTS);
            }
        }
    }

    private void apply(OrderView order, long version, int items, boolean cancelled) throws SQLException {
        try (WriteHint.Scope hint = WriteHint.buyer(order.getBuyerId()); Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long prior = appliedVersion(c, "stats:" + order.getId());
                if (JdbcVersionGate.tryAdvance(c, order.getBuyerId(), "stats:" + order.getId(), version)) {
                    StatsDelta d = StatsDelta.of(prior != null, cancelled, items);
                    try (PreparedStatement up = c.prepareStatement(UPSERT)) {
                        up.setLong(1, order.getBuyerId());
                        up.setString(2, unit);
                        up.setLong(3, d.placed());
                        up.setLong(4, d.items());
                        up.setLong(5, d.cancelled());
                        up.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Long appliedVersion(Connection c, String key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM " + JdbcVersionGate.TABLE + " WHERE biz_key = ? FOR UPDATE")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
