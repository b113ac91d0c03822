package io.unitize.shop.consumers;

import com.zaxxer.hikari.HikariDataSource;
import io.unitize.mq.UnitMessage;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.order.OrderEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sales-totals consumer against the sandbox's MariaDB, with the consume threads of the group
 * applying first events of new orders at once (the drill's calibration: orders whose events stayed
 * unapplied for over 10 s, a deadlock's loser redelivered by RocketMQ only later): every event is
 * applied on its first delivery, and the totals are exactly the orders' lines less the cancelled ones.
 */
@SandboxServers(ServerKind.MARIADB)
class SalesTotalsConcurrencyIT {

    private static final int THREADS = 8;
    private static final int ORDERS = 400;

    @Test
    void concurrent_first_events_of_new_orders_are_each_applied_on_their_first_delivery(UnitSandbox sandbox) throws Exception {
        var center = sandbox.center();
        try (Connection root = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword());
             Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS it_sales_totals");
            s.execute("CREATE DATABASE it_sales_totals");
            for (String ddl : salesTables()) {
                s.execute("USE it_sales_totals");
                s.execute(ddl);
            }
        }
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl(center.jdbcUrl("it_sales_totals"));
        db.setUsername(center.dbUser());
        db.setPassword(center.dbPassword());
        db.setMaximumPoolSize(THREADS);
        try (db) {
            SalesTotalsListener listener = new SalesTotalsListener(db);
            Random random = new Random(42);
            long firstId = 124_501_202_281_522_176L; // ids at the end of the index, as new orders' are
            List<OrderView> placed = new ArrayList<>();
            Map<Long, long[]> expected = new HashMap<>();
            for (int i = 0; i < ORDERS; i++) {
                List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine(1, 1 + random.nextInt(3), 450), new OrderLine(2, 1, 900),
                        new OrderLine(3, 1 + random.nextInt(2), 1200)));
                java.util.Collections.shuffle(lines, random); // lines in the order the buyer sent them
                placed.add(order(firstId + 256L * i, "PLACED", 1, lines));
            }
            List<OrderView> cancelled = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                OrderView p = placed.get(i);
                if (i % 3 == 0) {
                    cancelled.add(order(p.getId(), "CANCELLED", 2, p.getLines()));
                } else {
                    for (OrderLine l : p.getLines()) {
                        long[] t = expected.computeIfAbsent(l.getProductId(), k -> new long[2]);
                        t[0] += l.getQuantity();
                        t[1] += (long) l.getQuantity() * l.getPriceCents();
                    }
                }
            }
            List<OrderView> events = new ArrayList<>(placed);
            events.addAll(cancelled);
            events.addAll(placed.subList(0, ORDERS / 4)); // redelivered: changes nothing
            ConcurrentLinkedQueue<String> failed = apply(listener, events);

            assertThat(failed).as("events whose first delivery threw (RocketMQ would deliver them again only 10 s+ later)").isEmpty();
            Map<Long, long[]> totals = new HashMap<>();
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT product_id, units_sold, revenue_cents FROM sales_totals")) {
                while (rs.next()) {
                    totals.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)});
                }
            }
            assertThat(totals.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((p, t) -> assertThat(totals.get(p)).as("product " + p).containsExactly(t));
        }
    }

    /** Every event on one of the group's consume threads, all started together; what threw, by order and version. */
    private static ConcurrentLinkedQueue<String> apply(SalesTotalsListener listener, List<OrderView> events) throws Exception {
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (OrderView e : events) {
                pool.submit(() -> {
                    go.await();
                    try {
                        listener.onMessage(new UnitMessage("ORDER_EVENTS", e.getStatus(), Long.toString(e.getId()), OrderEvents.body(e),
                                OptionalLong.of(e.getBuyerId()), OptionalLong.of(e.getVersion()), "center", "msg-" + e.getId() + "-" + e.getVersion(), false,
                                false, System.currentTimeMillis(), Map.of()));
                    } catch (Exception ex) {
                        failed.add(e.getId() + " v" + e.getVersion() + ": " + ex);
                    }
                    return null;
                });
            }
            go.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }
        return failed;
    }

    private static OrderView order(long id, String status, long version, List<OrderLine> lines) {
        OrderView o = new OrderView();
        o.setId(id);
        o.setBuyerId(1000 + id % 100);
        o.setStatus(status);
        o.setVersion(version);
        o.setLines(lines);
        return o;
    }

    /** The CREATE TABLE statements of the sales tables, from the shop's own center migration (one place for the schema). */
    private static List<String> salesTables() throws Exception {
        try (var in = SalesTotalsConcurrencyIT.class.getResourceAsStream("/db/shop/center/V2__center_tables.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(sql.split(";")).map(String::trim).filter(x -> x.startsWith("CREATE TABLE IF NOT EXISTS sales_")).toList();
        }
    }
}
