package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drill's six invariants, checked from OUTSIDE the product: its own JDBC reads of every unit's
 * shop database (rows, the {@code written_by_server} stamps the shop's triggers set, the consumers'
 * tables), its own reads of every unit's Redis, and the control center's rules history and
 * cutovers (REST API). Nothing here calls the shop. See the module README for each rule.
 */
public final class Checker {

    public static final String I1 = "1 acknowledged orders present once in every unit, with items, stock reserved once";
    public static final String I2 = "2 no row written by a unit that did not own the buyer then";
    public static final String I3 = "3 no id duplicated across units";
    public static final String I4 = "4 each order event applied once per consumer mode";
    public static final String I5 = "5 no stale cache read beyond the invalidation lag";
    public static final String I6 = "6 client errors only 503+Retry-After, moving buyers, inside the freeze window";

    /** What one scenario produced, for the checker. */
    public record Run(Instant startedAt, Set<Long> buyers, List<Sample> samples, Map<Long, PlacedOrder> placed,
                      Map<Long, Long> cancelAcknowledgedAt, List<JsonNode> cutovers, long invalidationLagMillis,
                      Map<Long, long[]> salesAtStart, String lostUnit, long lostAt) {

        public Run(Instant startedAt, Set<Long> buyers, List<Sample> samples, Map<Long, PlacedOrder> placed,
                   Map<Long, Long> cancelAcknowledgedAt, List<JsonNode> cutovers, long invalidationLagMillis, Map<Long, long[]> salesAtStart) {
            this(startedAt, buyers, samples, placed, cancelAcknowledgedAt, cutovers, invalidationLagMillis, salesAtStart, null, Long.MAX_VALUE);
        }

        /**
         * The data window of an emergency failover: an order acknowledged by the lost unit no later than
         * its loss, which the surviving units do not have. Explicitly accepted (and listed), never counted
         * as a failure; an order acknowledged by any other unit, or after the loss, is not in it.
         */
        public boolean inDataWindow(PlacedOrder p) {
            return lostUnit != null && lostUnit.equals(p.servedByUnit()) && p.acknowledgedAt() <= lostAt;
        }
    }

    /** The data window found by the last check of invariant 1 (emergency failover only). */
    private final List<PlacedOrder> dataWindow = new java.util.concurrent.CopyOnWriteArrayList<>();

    public List<PlacedOrder> dataWindow() {
        return List.copyOf(dataWindow);
    }

    private final List<UnitEndpoint> units;
    private final Map<Long, String> unitOfServer = new HashMap<>();
    private final Duration patience;

    /** {@code units}: the center first; {@code patience}: how long replication and consumers may take to catch up. */
    public Checker(List<UnitEndpoint> units, Duration patience) {
        this.units = List.copyOf(units);
        this.patience = patience;
        for (UnitEndpoint u : units) {
            unitOfServer.put(u.serverId(), u.code());
        }
    }

    UnitEndpoint center() {
        return units.get(0);
    }

    Connection db(UnitEndpoint u) throws SQLException {
        return DriverManager.getConnection(u.jdbcUrl() + (u.jdbcUrl().contains("?") ? "&" : "?") + "connectTimeout=3000", u.user(), u.password());
    }

    private final Set<Long> orphansBefore = new HashSet<>();

    /** Reservations held (RESERVED) for an order no unit has, now: take it before a scenario (an earlier scenario's are not this one's). */
    public Set<Long> orphanReservations() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = db(center()); PreparedStatement leak = c.prepareStatement("SELECT r.order_id FROM stock_reservation r "
                + "WHERE r.state = 'RESERVED' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)"); ResultSet rs = leak.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Orphan reservations from before the scenario: not reported again. */
    public Checker ignoreOrphans(Set<Long> ids) {
        orphansBefore.addAll(ids);
        return this;
    }

    /** The sales totals (units, revenue) per product in the center now: take it before a scenario. */
    public Map<Long, long[]> salesTotals() throws SQLException {
        Map<Long, long[]> m = new HashMap<>();
        try (Connection c = db(center()); PreparedStatement ps = c.prepareStatement("SELECT product_id, units_sold, revenue_cents FROM sales_totals");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)});
            }
        }
        return m;
    }

    /** Every invariant; waits (bounded by the patience) for replication and consumers before reporting a failure. */
    public List<Verdict> check(Run run, RulesTimeline timeline) throws Exception {
        List<Verdict> v = new ArrayList<>();
        v.add(eventually(() -> acknowledgedPresent(run)));
        v.add(ownerWrites(run, timeline));
        v.add(eventually(() -> noDuplicates(run)));
        v.add(eventually(() -> effectsOnce(run, timeline)));
        v.add(staleReads(run));
        v.add(clientErrors(run));
        return v;
    }

    interface Check {
        Verdict run() throws Exception;
    }

    private Verdict eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Verdict last = check.run();
        while (!last.holds() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = check.run();
        }
        return last;
    }

    /** 1: every 2xx order is in every unit's database once, with its lines, and has one reservation (state per its cancel). */
    Verdict acknowledgedPresent(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        dataWindow.clear();
        Set<Long> window = new HashSet<>();
        for (UnitEndpoint u : units) {
            try (Connection c = db(u);
                 PreparedStatement o = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?");
                 PreparedStatement items = c.prepareStatement("SELECT product_id, quantity FROM order_items WHERE order_id = ?")) {
                for (PlacedOrder p : run.placed().values()) {
                    o.setLong(1, p.id());
                    if (count(o) != 1) {
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
        try (Connection c = db(center());
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
                if (count(rl) != p.lines().size()) {
                    bad.add("order " + p.id() + ": " + count(rl) + " reservation lines, " + p.lines().size() + " ordered");
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
        return Verdict.of(I1, (long) run.placed().size() * units.size(), bad);
    }

    record Row(long id, long buyer, long server, Instant at) {
    }

    List<Row> scenarioRows(Run run, UnitEndpoint u) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db(u); PreparedStatement ps = c.prepareStatement(
                "SELECT id, buyer_id, written_by_server, created_at FROM orders WHERE created_at >= ? ORDER BY created_at")) {
            ps.setTimestamp(1, Timestamp.from(run.startedAt().minusSeconds(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (run.buyers().contains(rs.getLong(2))) {
                        rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * 2: for every order row of the scenario's buyers (in the center's copy, which holds every
     * unit's rows once replicated; rows only in another unit are read there too), the unit of its
     * {@code written_by_server} must be the owner at its {@code created_at} by the rules history;
     * every stock reservation must be written by the center.
     */
    Verdict ownerWrites(Run run, RulesTimeline timeline) throws SQLException {
        List<String> bad = new ArrayList<>();
        Map<Long, Row> rows = new LinkedHashMap<>();
        for (UnitEndpoint u : units) {
            for (Row r : scenarioRows(run, u)) {
                rows.putIfAbsent(r.id(), r);
            }
        }
        for (Row r : rows.values()) {
            String writer = unitOfServer.get(r.server());
            String owner = timeline.ownerAt(r.buyer(), r.at());
            if (writer == null || !writer.equals(owner)) {
                RulesTimeline.Entry e = timeline.at(r.at());
                bad.add("order " + r.id() + " of buyer " + r.buyer() + " written by " + (writer == null ? "server " + r.server() : writer)
                        + " at " + r.at() + ", owner then " + owner + " (version " + (e == null ? "none" : e.version()) + ")");
            }
        }
        long reservations = 0;
        try (Connection c = db(center()); PreparedStatement ps = c.prepareStatement(
                "SELECT order_id, written_by_server FROM stock_reservation WHERE order_id = ?")) {
            for (Row r : rows.values()) {
                ps.setLong(1, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reservations++;
                        if (rs.getLong(2) != center().serverId()) {
                            bad.add("reservation of order " + r.id() + " written by server " + rs.getLong(2) + ", not the center");
                        }
                    }
                }
            }
        }
        return Verdict.of(I2, rows.size() + reservations, bad);
    }

    /** 3: no two acknowledgements with one id; every unit's copy of an id has the same buyer and writer; replication threads have no error. */
    Verdict noDuplicates(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        Map<Long, Row> first = new HashMap<>();
        long checked = 0;
        for (UnitEndpoint u : units) {
            for (Row r : scenarioRows(run, u)) {
                checked++;
                Row seen = first.putIfAbsent(r.id(), r);
                if (seen != null && (seen.buyer() != r.buyer() || seen.server() != r.server())) {
                    bad.add("id " + r.id() + ": buyer " + seen.buyer() + "/server " + seen.server() + " in one unit, buyer "
                            + r.buyer() + "/server " + r.server() + " in " + u.code());
                }
            }
            try (Connection c = db(u); PreparedStatement ps = c.prepareStatement("SHOW ALL SLAVES STATUS"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt("Last_SQL_Errno") != 0) {
                        bad.add(u.code() + " replication " + rs.getString("Connection_name") + ": " + rs.getString("Last_SQL_Error"));
                    }
                }
            }
        }
        Set<Long> acked = new HashSet<>();
        for (Sample s : run.samples()) {
            if (s.op() == Sample.Op.PLACE && s.ok() && !acked.add(s.orderId())) {
                bad.add("id " + s.orderId() + " acknowledged twice");
            }
        }
        return Verdict.of(I3, checked, bad);
    }

    /**
     * 4: UNIT mode (buyer-stats, applied in the buyer's home unit): per buyer, orders_placed and
     * orders_cancelled equal the buyer's orders in that unit's database. CENTER mode (sales-totals):
     * every order of the scenario has its last version in sales_applied, and the totals grew by
     * exactly the scenario's not-cancelled lines.
     */
    Verdict effectsOnce(Run run, RulesTimeline timeline) throws SQLException {
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (long buyer : run.buyers()) {
            String home = timeline.ownerNow(buyer);
            UnitEndpoint u = units.stream().filter(x -> x.code().equals(home)).findFirst().orElse(null);
            if (u == null) {
                continue;
            }
            try (Connection c = db(u);
                 PreparedStatement orders = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(status = 'CANCELLED'), 0) FROM orders WHERE buyer_id = ?");
                 PreparedStatement stats = c.prepareStatement("SELECT orders_placed, orders_cancelled FROM buyer_stats WHERE buyer_id = ?")) {
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
                    } else if (rs.getLong(1) != placed || rs.getLong(2) != cancelled) {
                        bad.add("buyer-stats (UNIT): buyer " + buyer + " in " + home + " placed " + rs.getLong(1) + "/cancelled "
                                + rs.getLong(2) + ", database has " + placed + "/" + cancelled);
                    }
                }
            }
        }
        Map<Long, long[]> expected = new HashMap<>();
        run.salesAtStart().forEach((p, t) -> expected.put(p, t.clone()));
        try (Connection c = db(center());
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
        Map<Long, long[]> now = salesTotals();
        for (var e : expected.entrySet()) {
            long[] n = now.getOrDefault(e.getKey(), new long[2]);
            if (n[0] != e.getValue()[0] || n[1] != e.getValue()[1]) {
                bad.add("sales-totals (CENTER): product " + e.getKey() + " units " + n[0] + ", expected " + e.getValue()[0]);
            }
        }
        return Verdict.of(I4, checked, bad);
    }

    /**
     * 5: (a) no GET answered an order as PLACED when it was sent more than the measured invalidation
     * lag after the order's cancel was acknowledged; (b) at the end, no unit's Redis holds a copy of
     * a scenario order whose status differs from the database's.
     */
    Verdict staleReads(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (Sample s : run.samples()) {
            Long cancelled = run.cancelAcknowledgedAt().get(s.orderId());
            if (s.op() == Sample.Op.GET && s.ok() && cancelled != null && s.sentAt() > cancelled) {
                checked++;
                if ("PLACED".equals(s.orderStatus()) && s.sentAt() > cancelled + run.invalidationLagMillis()) {
                    bad.add("GET of order " + s.orderId() + " via " + s.via() + " answered PLACED " + (s.sentAt() - cancelled)
                            + " ms after its cancel was acknowledged (lag " + run.invalidationLagMillis() + " ms)");
                }
            }
        }
        Map<Long, String> status = new HashMap<>();
        try (Connection c = db(center()); PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            for (UnitEndpoint u : units) {
                RedisClient client = RedisClient.create(u.redisUri());
                try (StatefulRedisConnection<String, String> redis = client.connect()) {
                    for (long buyer : run.buyers()) {
                        ScanCursor cursor = ScanCursor.INITIAL;
                        do {
                            KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.matches("order:" + buyer + ":*").limit(500));
                            for (String key : page.getKeys()) {
                                long id = Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
                                String cached = redis.sync().get(key);
                                if (cached == null) {
                                    continue;
                                }
                                String db = status.computeIfAbsent(id, k -> {
                                    try {
                                        ps.setLong(1, k);
                                        try (ResultSet rs = ps.executeQuery()) {
                                            return rs.next() ? rs.getString(1) : "ABSENT";
                                        }
                                    } catch (SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                                checked++;
                                String cachedStatus = ControlCenterClient.JSON.readTree(cached).path("status").asText();
                                if (!cachedStatus.equals(db)) {
                                    bad.add(u.code() + "'s Redis " + key + " says " + cachedStatus + ", the database " + db);
                                }
                            }
                            cursor = page;
                        } while (!cursor.isFinished());
                    }
                } catch (Exception e) {
                    bad.add("cannot read " + u.code() + "'s Redis: " + e.getMessage());
                } finally {
                    client.shutdown();
                }
            }
        }
        return Verdict.of(I5, checked, bad);
    }

    /** 6: every non-2xx answer must be a 503 with Retry-After, for a buyer of a moving range, in flight during that cutover's freeze. */
    Verdict clientErrors(Run run) {
        List<String> bad = new ArrayList<>();
        for (Sample s : run.samples()) {
            if (s.ok() || allowedRefusal(s, run.cutovers())) {
                continue;
            }
            bad.add(kind(s) + " " + s.op() + " buyer " + s.buyer() + " via " + s.via() + " at " + Instant.ofEpochMilli(s.sentAt())
                    + (s.error() == null ? "" : ": " + s.error()));
        }
        return Verdict.of(I6, run.samples().size(), bad);
    }

    /** A short name for what the client saw: "201", "503+Retry-After", "503", "timeout", ... */
    public static String kind(Sample s) {
        if (s.status() == 0) {
            return s.error() != null && s.error().contains("Timeout") ? "timeout" : "no-answer";
        }
        if (s.status() == 503 && s.retryAfter()) {
            return "503+Retry-After";
        }
        return Integer.toString(s.status());
    }

    static boolean allowedRefusal(Sample s, List<JsonNode> cutovers) {
        if (s.status() != 503 || !s.retryAfter()) {
            return false;
        }
        int slot = (int) Math.floorMod(s.buyer(), 10_000L);
        for (JsonNode c : cutovers) {
            long from = millis(c.path("freezePublishedAt"), millis(c.path("createdAt"), Long.MAX_VALUE));
            long to = millis(c.path("finishedAt"), Long.MAX_VALUE);
            if (s.answeredAt() < from || s.sentAt() > to) {
                continue;
            }
            for (JsonNode m : c.path("moves")) {
                JsonNode r = m.path("range");
                if (slot >= r.path("from").asInt() && slot <= r.path("to").asInt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An instant field of a cutover as epoch milliseconds (now when it is not set yet). */
    public static long millisOf(JsonNode cutover, String field) {
        return millis(cutover.path(field), System.currentTimeMillis());
    }

    public static long millis(JsonNode instant, long otherwise) {
        return instant == null || instant.isMissingNode() || instant.isNull() ? otherwise : Instant.parse(instant.asText()).toEpochMilli();
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
