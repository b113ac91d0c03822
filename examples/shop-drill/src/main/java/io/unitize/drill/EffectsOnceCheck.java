package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Invariant 4 of the drill (see {@link Checker}): the consumers' tables (buyer-stats per unit, sales-totals in the center). */
final class EffectsOnceCheck {

    private final ShopDatabases shop;
    /** Per unit and buyer, (buyer_stats - the buyer's orders) placed and cancelled at the scenario's start: an earlier scenario's. */
    private final Map<String, Map<Long, long[]>> offsets;

    EffectsOnceCheck(ShopDatabases shop, Map<String, Map<Long, long[]>> offsets) {
        this.shop = shop;
        this.offsets = offsets;
    }

    /**
     * What each buyer's stats differ from its orders by now, in every unit: taken before a scenario,
     * so that an increment lost in an earlier scenario is not reported again by every later one.
     */
    static Map<String, Map<Long, long[]>> offsets(ShopDatabases shop, Iterable<Long> buyers) throws SQLException {
        Map<String, Map<Long, long[]>> all = new HashMap<>();
        for (UnitEndpoint u : shop.units()) {
            Map<Long, long[]> m = new HashMap<>();
            try (Connection c = shop.connect(u); PreparedStatement orders = c.prepareStatement(ORDERS); PreparedStatement stats = c.prepareStatement(STATS)) {
                for (long buyer : buyers) {
                    long[] o = counts(orders, buyer);
                    long[] st = counts(stats, buyer);
                    if (o[0] != st[0] || o[1] != st[1]) {
                        m.put(buyer, new long[]{st[0] - o[0], st[1] - o[1]});
                    }
                }
            }
            all.put(u.code(), m);
        }
        return all;
    }

    /**
     * What an order's events applied since the totals were taken add to them, in units of its lines:
     * sales-totals counts an order's lines once it has applied a version that is not CANCELLED (the
     * shop's versions: 1 PLACED, 2 CANCELLED, the last), so an applied version counts when it is
     * earlier than the order's last or the order is not cancelled; 0 is none applied.
     */
    static int lateSign(long appliedAtStart, long appliedNow, long orderVersion, boolean cancelled) {
        return counted(appliedNow, orderVersion, cancelled) - counted(appliedAtStart, orderVersion, cancelled);
    }

    private static int counted(long applied, long orderVersion, boolean cancelled) {
        return applied > 0 && (applied < orderVersion || !cancelled) ? 1 : 0;
    }

    private static final String ORDERS = "SELECT COUNT(*), COALESCE(SUM(status = 'CANCELLED'), 0) FROM orders WHERE buyer_id = ?";
    /** The shop's per-(buyer, unit) rows summed (view {@code buyer_stats_total}). */
    private static final String STATS = "SELECT orders_placed, orders_cancelled FROM buyer_stats_total WHERE buyer_id = ?";

    private static long[] counts(PreparedStatement ps, long buyer) throws SQLException {
        ps.setLong(1, buyer);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2)} : new long[2];
        }
    }

    /**
     * 4: UNIT mode (buyer-stats, applied in the buyer's home unit): per buyer, orders_placed and
     * orders_cancelled equal the buyer's orders in that unit's database (less what they differed by
     * before the scenario, an earlier scenario's finding). CENTER mode (sales-totals):
     * every order of the scenario has its last version in sales_applied, and the totals grew by
     * exactly the scenario's not-cancelled lines, plus what the late events of orders unapplied at the
     * start ({@link Checker.Run#salesPendingAtStart()}) applied since ({@link #lateSign}).
     */
    Verdict effectsOnce(Run run, RulesTimeline timeline) throws SQLException {
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (long buyer : run.buyers()) {
            String home = timeline.ownerNow(buyer);
            UnitEndpoint u = shop.units().stream().filter(x -> x.code().equals(home)).findFirst().orElse(null);
            if (u == null) {
                continue;
            }
            long[] offset = offsets.getOrDefault(home, Map.of()).getOrDefault(buyer, new long[2]);
            try (Connection c = shop.connect(u);
                 PreparedStatement orders = c.prepareStatement(ORDERS);
                 PreparedStatement stats = c.prepareStatement(STATS)) {
                orders.setLong(1, buyer);
                stats.setLong(1, buyer);
                long placed;
                long cancelled;
                try (ResultSet rs = orders.executeQuery()) {
                    rs.next();
                    placed = rs.getLong(1);
                    cancelled = rs.getLong(2);
                }
                if (placed == 0) {
                    continue;
                }
                checked++;
                try (ResultSet rs = stats.executeQuery()) {
                    if (!rs.next()) {
                        bad.add("buyer-stats (UNIT): no row for buyer " + buyer + " in " + home + ", " + placed + " orders");
                    } else if (rs.getLong(1) - offset[0] != placed || rs.getLong(2) - offset[1] != cancelled) {
                        bad.add("buyer-stats (UNIT): buyer " + buyer + " in " + home + " placed " + rs.getLong(1) + "/cancelled "
                                + rs.getLong(2) + ", database has " + placed + "/" + cancelled
                                + (offset[0] == 0 && offset[1] == 0 ? "" : " (off by " + offset[0] + "/" + offset[1] + " before the scenario)"));
                    }
                }
            }
        }
        Map<Long, long[]> expected = new HashMap<>();
        run.salesAtStart().forEach((p, t) -> expected.put(p, t.clone()));
        try (Connection c = shop.connect(shop.center());
             PreparedStatement o = c.prepareStatement("SELECT o.id, o.version, o.status, a.version FROM orders o "
                     + "LEFT JOIN sales_applied a ON a.order_id = o.id WHERE o.created_at >= ? AND o.buyer_id = ?");
             PreparedStatement items = c.prepareStatement("SELECT product_id, quantity, price_cents FROM order_items WHERE order_id = ?")) {
            for (long buyer : run.buyers()) {
                o.setTimestamp(1, Timestamp.from(run.startedAt().minusSeconds(1)));
                o.setLong(2, buyer);
                try (ResultSet rs = o.executeQuery()) {
                    while (rs.next()) {
                        checked++;
                        long id = rs.getLong(1);
                        long applied = rs.getLong(4);
                        if (rs.wasNull() || applied != rs.getLong(2)) {
                            bad.add("sales-totals (CENTER): order " + id + " version " + rs.getLong(2) + ", applied " + (rs.wasNull() ? "never" : applied));
                        }
                        if (!"CANCELLED".equals(rs.getString(3))) {
                            items.setLong(1, id);
                            try (ResultSet li = items.executeQuery()) {
                                while (li.next()) {
                                    long[] t = expected.computeIfAbsent(li.getLong(1), k -> new long[2]);
                                    t[0] += li.getLong(2);
                                    t[1] += li.getLong(2) * li.getLong(3);
                                }
                            }
                        }
                    }
                }
            }
        }
        try (Connection c = shop.connect(shop.center());
             PreparedStatement o = c.prepareStatement("SELECT o.version, o.status, COALESCE(a.version, 0) FROM orders o "
                     + "LEFT JOIN sales_applied a ON a.order_id = o.id WHERE o.id = ?");
             PreparedStatement items = c.prepareStatement("SELECT product_id, quantity, price_cents FROM order_items WHERE order_id = ?")) {
            // orders whose events were still unapplied when the totals were taken (stuck: the warm-up's, an earlier
            // scenario's): what their events applied since is in the totals now but not the scenario's
            for (var p : run.salesPendingAtStart().entrySet()) {
                o.setLong(1, p.getKey());
                int sign;
                try (ResultSet rs = o.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    sign = lateSign(p.getValue(), rs.getLong(3), rs.getLong(1), "CANCELLED".equals(rs.getString(2)));
                }
                if (sign != 0) {
                    items.setLong(1, p.getKey());
                    try (ResultSet li = items.executeQuery()) {
                        while (li.next()) {
                            long[] t = expected.computeIfAbsent(li.getLong(1), k -> new long[2]);
                            t[0] += sign * li.getLong(2);
                            t[1] += sign * li.getLong(2) * li.getLong(3);
                        }
                    }
                }
            }
        }
        Map<Long, long[]> now = shop.salesTotals();
        for (var e : expected.entrySet()) {
            long[] n = now.getOrDefault(e.getKey(), new long[2]);
            if (n[0] != e.getValue()[0] || n[1] != e.getValue()[1]) {
                bad.add("sales-totals (CENTER): product " + e.getKey() + " units " + n[0] + ", expected " + e.getValue()[0]);
            }
        }
        return Verdict.of(Checker.I4, checked, bad);
    }
}
