package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Invariant 2 of the drill (see {@link Checker}): every unit's order rows against the rules history. */
final class OwnerWritesCheck {

    private final ShopDatabases shop;

    OwnerWritesCheck(ShopDatabases shop) {
        this.shop = shop;
    }

    /**
     * 2: for every order row of the scenario's buyers (in the center's copy, which holds every
     * unit's rows once replicated; rows only in another unit are read there too), the unit of its
     * {@code written_by_server} must be the owner at its {@code created_at} by the rules history;
     * every stock reservation must be written by the center.
     */
    Verdict ownerWrites(Run run, RulesTimeline timeline) throws SQLException {
        List<String> bad = new ArrayList<>();
        Map<Long, OrderRow> rows = new LinkedHashMap<>();
        Set<String> updates = new HashSet<>();
        long updatesChecked = 0;
        for (UnitEndpoint u : shop.units()) {
            for (OrderRow r : shop.scenarioRows(run, u)) {
                rows.putIfAbsent(r.id(), r);
                // every unit's copy: one not replicated yet may carry another update than the center's
                if (r.updated() && updates.add(r.id() + "/" + r.updatedBy() + "/" + r.updatedAt())) {
                    updatesChecked++;
                    check(bad, timeline, r, "updated", r.updatedBy(), r.updatedAt());
                }
            }
        }
        for (OrderRow r : rows.values()) {
            check(bad, timeline, r, "written", r.server(), r.at());
        }
        long reservations = 0;
        try (Connection c = shop.connect(shop.center()); PreparedStatement ps = c.prepareStatement(
                "SELECT order_id, written_by_server FROM stock_reservation WHERE order_id = ?")) {
            for (OrderRow r : rows.values()) {
                ps.setLong(1, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reservations++;
                        if (rs.getLong(2) != shop.center().serverId()) {
                            bad.add("reservation of order " + r.id() + " written by server " + rs.getLong(2) + ", not the center");
                        }
                    }
                }
            }
        }
        return Verdict.of(Checker.I2, rows.size() + updatesChecked + reservations, bad);
    }

    /** The unit of {@code server} must own the row's buyer at {@code at} (an insert, or the last update). */
    private void check(List<String> bad, RulesTimeline timeline, OrderRow r, String how, long server, Instant at) {
        String v = violation(shop, timeline, r, how, server, at);
        if (v != null) {
            bad.add(v);
        }
    }

    /**
     * What is wrong with a write of {@code r} ({@code how}: "written" or "updated") by the database with
     * {@code server} as {@code @@server_id} at {@code at}, or null: its unit must be the owner of the
     * row's buyer then. A server id of no known unit is a violation too.
     */
    static String violation(ShopDatabases shop, RulesTimeline timeline, OrderRow r, String how, long server, Instant at) {
        String writer = shop.unitOfServer(server);
        String owner = timeline.ownerAt(r.buyer(), at);
        if (writer != null && writer.equals(owner)) {
            return null;
        }
        RulesTimeline.Entry e = timeline.at(at);
        return "order " + r.id() + " of buyer " + r.buyer() + " " + how + " by " + (writer == null ? "server " + server + " (no known unit)" : writer)
                + " at " + at + ", owner then " + owner + " (version " + (e == null ? "none" : e.version()) + ")";
    }
}
