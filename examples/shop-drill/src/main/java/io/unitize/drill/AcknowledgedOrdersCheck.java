package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Invariant 1 of the drill (see {@link Checker}): read from every unit's shop database and the center's reservations. */
final class AcknowledgedOrdersCheck {

    private final ShopDatabases shop;
    /** Filled with the data window found by the last check (emergency failover only). */
    private final List<PlacedOrder> dataWindow;
    /** Orphan reservations from before the scenario: not reported again. */
    private final Set<Long> orphansBefore;

    AcknowledgedOrdersCheck(ShopDatabases shop, List<PlacedOrder> dataWindow, Set<Long> orphansBefore) {
        this.shop = shop;
        this.dataWindow = dataWindow;
        this.orphansBefore = orphansBefore;
    }

    /** 1: every 2xx order is in every unit's database once, with its lines, and has one reservation (state per its cancel). */
    Verdict acknowledgedPresent(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        dataWindow.clear();
        Set<Long> window = new HashSet<>();
        for (UnitEndpoint u : shop.units()) {
            try (Connection c = shop.connect(u);
                 PreparedStatement o = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?");
                 PreparedStatement items = c.prepareStatement("SELECT product_id, quantity FROM order_items WHERE order_id = ?")) {
                for (PlacedOrder p : run.placed().values()) {
                    o.setLong(1, p.id());
                    if (ShopDatabases.count(o) != 1) {
                        if (run.inDataWindow(p)) {
                            if (window.add(p.id())) {
                                dataWindow.add(p);
                            }
                            continue;
                        }
                        bad.add("order " + p.id() + " (buyer " + p.buyer() + ") missing in " + u.code());
                        continue;
                    }
                    items.setLong(1, p.id());
                    Map<Long, Integer> lines = new LinkedHashMap<>();
                    try (ResultSet rs = items.executeQuery()) {
                        while (rs.next()) {
                            lines.merge(rs.getLong(1), rs.getInt(2), Integer::sum);
                        }
                    }
                    if (!lines.equals(p.lines())) {
                        bad.add("order " + p.id() + " in " + u.code() + " has items " + lines + ", sent " + p.lines());
                    }
                }
            }
        }
        try (Connection c = shop.connect(shop.center());
             PreparedStatement r = c.prepareStatement("SELECT state FROM stock_reservation WHERE order_id = ?");
             PreparedStatement rl = c.prepareStatement("SELECT COUNT(*) FROM stock_reservation_line WHERE order_id = ?")) {
            for (PlacedOrder p : run.placed().values()) {
                if (window.contains(p.id())) {
                    continue;
                }
                r.setLong(1, p.id());
                List<String> states = new ArrayList<>();
                try (ResultSet rs = r.executeQuery()) {
                    while (rs.next()) {
                        states.add(rs.getString(1));
                    }
                }
                String want = run.cancelAcknowledgedAt().containsKey(p.id()) ? "RELEASED" : "RESERVED";
                if (states.size() != 1 || (run.cancelAcknowledgedAt().containsKey(p.id()) && !states.get(0).equals(want))) {
                    bad.add("order " + p.id() + ": reservations " + states + ", expected one " + want);
                }
                rl.setLong(1, p.id());
                if (ShopDatabases.count(rl) != p.lines().size()) {
                    bad.add("order " + p.id() + ": " + ShopDatabases.count(rl) + " reservation lines, " + p.lines().size() + " ordered");
                }
            }
            // stock held for an order that does not exist (a refused or lost order)
            try (PreparedStatement leak = c.prepareStatement("SELECT r.order_id FROM stock_reservation r WHERE r.state = 'RESERVED' "
                    + "AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)"); ResultSet rs = leak.executeQuery()) {
                while (rs.next()) {
                    if (orphansBefore.contains(rs.getLong(1))) {
                        continue;
                    }
                    bad.add("stock reserved for order " + rs.getLong(1) + ", which no unit's orders table has");
                }
            }
        }
        return Verdict.of(Checker.I1, (long) run.placed().size() * shop.units().size(), bad);
    }
}
