package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker's own JDBC access to every unit's shop database (never through the shop): the
 * units (the center first), which unit a {@code written_by_server} stamp names, and the reads
 * more than one invariant needs.
 */
final class ShopDatabases {

    private final List<UnitEndpoint> units;
    private final Map<Long, String> unitOfServer = new HashMap<>();

    /** {@code units}: the center first. */
    ShopDatabases(List<UnitEndpoint> units) {
        this(units, units);
    }

    /**
     * {@code units}: the databases read, the center first; {@code known}: every unit whose server id
     * a row may carry — also a unit lost in the scenario, whose database cannot be read any more but
     * whose rows written before its loss replicated into the others with its server id.
     */
    ShopDatabases(List<UnitEndpoint> units, List<UnitEndpoint> known) {
        this.units = List.copyOf(units);
        for (UnitEndpoint u : known) {
            unitOfServer.put(u.serverId(), u.code());
        }
        for (UnitEndpoint u : units) {
            unitOfServer.put(u.serverId(), u.code());
        }
    }

    List<UnitEndpoint> units() {
        return units;
    }

    UnitEndpoint center() {
        return units.get(0);
    }

    /** The unit whose database has {@code serverId} as {@code @@server_id}, or null. */
    String unitOfServer(long serverId) {
        return unitOfServer.get(serverId);
    }

    Connection connect(UnitEndpoint u) throws SQLException {
        return DriverManager.getConnection(u.jdbcUrl() + (u.jdbcUrl().contains("?") ? "&" : "?") + "connectTimeout=3000", u.user(), u.password());
    }

    /** Reservations held (RESERVED) for an order no unit has, now: take it before a scenario (an earlier scenario's are not this one's). */
    public Set<Long> orphanReservations() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = connect(center()); PreparedStatement leak = c.prepareStatement("SELECT r.order_id FROM stock_reservation r "
                + "WHERE r.state = 'RESERVED' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)"); ResultSet rs = leak.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The sales totals (units, revenue) per product in the center now. */
    public Map<Long, long[]> salesTotals() throws SQLException {
        try (Connection c = connect(center())) {
            return salesTotals(c);
        }
    }

    private static Map<Long, long[]> salesTotals(Connection c) throws SQLException {
        Map<Long, long[]> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT product_id, units_sold, revenue_cents FROM sales_totals");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)});
            }
        }
        return m;
    }

    /** The totals and the unapplied orders in one snapshot (an event applied between two reads would be counted once too often). */
    Checker.SalesBaseline salesBaseline() throws SQLException {
        try (Connection c = connect(center()); java.sql.Statement s = c.createStatement()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            try {
                return new Checker.SalesBaseline(salesTotals(c), unappliedSales(c));
            } finally {
                s.execute("COMMIT");
            }
        }
    }

    /** The {@code orders} rows of the run's buyers in unit {@code u} created since the run started (less a second), with their update stamps. */
    List<OrderRow> scenarioRows(Run run, UnitEndpoint u) throws SQLException {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection c = connect(u); PreparedStatement ps = c.prepareStatement(
                "SELECT id, buyer_id, written_by_server, created_at, updated_by_server, updated_at FROM orders WHERE created_at >= ? "
                        + "ORDER BY created_at")) {
            ps.setTimestamp(1, Timestamp.from(run.startedAt().minusSeconds(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (run.buyers().contains(rs.getLong(2))) {
                        Timestamp updatedAt = rs.getTimestamp(6);
                        rows.add(new OrderRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(), rs.getLong(5),
                                updatedAt == null ? null : updatedAt.toInstant()));
                    }
                }
            }
        }
        return rows;
    }

    /** Orders in the center whose last version sales-totals has not applied: id -> the version it applied (0: none), by id. */
    Map<Long, Long> unappliedSales() throws SQLException {
        try (Connection c = connect(center())) {
            return unappliedSales(c);
        }
    }

    private static Map<Long, Long> unappliedSales(Connection c) throws SQLException {
        Map<Long, Long> m = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, COALESCE(a.version, 0) FROM orders o "
                + "LEFT JOIN sales_applied a ON a.order_id = o.id WHERE a.version IS NULL OR a.version < o.version ORDER BY o.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return m;
    }

    /**
     * What is still in flight, or null: orders in the center whose last version the sales consumer
     * has not applied, and units whose {@code orders} count differs from the center's (replication).
     */
    String pending() throws SQLException {
        List<String> p = new ArrayList<>();
        List<Long> unapplied = new ArrayList<>(unappliedSales().keySet());
        if (!unapplied.isEmpty()) {
            p.add(unapplied.size() + " orders' last event not applied by sales-totals "
                    + (unapplied.size() > 10 ? unapplied.subList(0, 10) + "…" : unapplied));
        }
        long centerOrders;
        try (Connection c = connect(center()); PreparedStatement all = c.prepareStatement("SELECT COUNT(*) FROM orders")) {
            centerOrders = count(all);
        }
        for (UnitEndpoint u : units.subList(1, units.size())) {
            try (Connection c = connect(u); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM orders")) {
                long n = count(ps);
                if (n != centerOrders) {
                    p.add(u.code() + " has " + n + " orders, the center " + centerOrders);
                }
            }
        }
        return p.isEmpty() ? null : String.join("; ", p);
    }

    static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
