package io.unitize.shop.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * unit-jobs in the shop, on both units: an order left PLACED past {@code shop.orders.unpaid-timeout}
 * (3 s here) is cancelled by the timeout center in its buyer's home unit, once, its stock released
 * once; an order the buyer cancelled first is left alone; the buyer-order-counts job (UNIT, every 2 s
 * here) writes each buyer's counts in the buyer's home unit only.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
class ShopOrderExpiryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ShopUnits shop;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        shop = ShopUnits.start(sandbox, "--shop.orders.unpaid-timeout=3s", "--shop.stats.every=2s");
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static long queryLong(String unit, String sql, Object... args) throws Exception {
        return shop.queryLong(unit, sql, args);
    }

    private static String queryString(String unit, String sql, Object... args) throws Exception {
        try (Connection c = shop.db(unit); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        ShopUnits.await(what, Duration.ofSeconds(60), condition);
    }

    private static long place(String via, long buyer, long product, int qty) throws Exception {
        HttpResponse<String> r = ShopAcrossUnitsIT.post(shop.gateway(via), "/api/orders", buyer,
                "{\"items\":[{\"productId\":" + product + ",\"quantity\":" + qty + "}]}");
        assertThat(r.statusCode()).as("place for buyer %d via %s: %s", buyer, via, r.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(r.body());
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        return order.path("id").asLong();
    }

    private static String task(long orderId) {
        return "unpaid-" + orderId;
    }

    /** Waits until the order's timeout task has fired in {@code home} (as seen there). */
    private static void awaitFired(String home, long buyer, long orderId) throws Exception {
        await("timeout task of order " + orderId + " FIRED in " + home, () -> "FIRED".equals(queryString(home,
                "SELECT state FROM unitize_timeout_task WHERE buyer_id = ? AND task_key = ?", buyer, task(orderId))));
        assertThat(queryString(home, "SELECT fired_unit FROM unitize_timeout_task WHERE buyer_id = ? AND task_key = ?", buyer, task(orderId)))
                .isEqualTo(home);
    }

    @Test
    void anUnpaidOrderIsCancelledInItsHomeUnitOnceAndItsStockReleasedOnce() throws Exception {
        long buyer = 6_310; // slot 6310: unit-b
        long stockBefore = queryLong("center", "SELECT available FROM stock WHERE product_id = 2");
        long id = place("center", buyer, 2, 2); // through the center's gateway: served and written by unit-b
        assertThat(queryLong("center", "SELECT available FROM stock WHERE product_id = 2")).isEqualTo(stockBefore - 2);

        await("order " + id + " cancelled in unit-b", () -> "CANCELLED".equals(queryString("unit-b", "SELECT status FROM orders WHERE id = ?", id)));
        awaitFired("unit-b", buyer, id);
        assertThat(queryLong("unit-b", "SELECT updated_by_server FROM orders WHERE id = ?", id))
                .as("cancelled by the home unit's database").isEqualTo(shop.unit("unit-b").dbServerId());
        await("stock of order " + id + " released", () -> queryLong("center", "SELECT available FROM stock WHERE product_id = 2") == stockBefore);
        assertThat(queryString("center", "SELECT state FROM stock_reservation WHERE order_id = ?", id)).isEqualTo("RELEASED");
        await("the cancel replicated to the center", () -> "CANCELLED".equals(queryString("center", "SELECT status FROM orders WHERE id = ?", id)));

        // a later order of the same buyer expiring too: the firer has polled past the first task since, so a second
        // cancel of the first would have happened by now
        long later = place("unit-b", buyer, 2, 1);
        awaitFired("unit-b", buyer, later);
        await("stock of order " + later + " released", () -> queryLong("center", "SELECT available FROM stock WHERE product_id = 2") == stockBefore);
        assertThat(queryLong("unit-b", "SELECT version FROM orders WHERE id = ?", id)).as("cancelled once: version 2").isEqualTo(2);
        assertThat(queryLong("unit-b", "SELECT attempts FROM unitize_timeout_task WHERE buyer_id = ? AND task_key = ?", buyer, task(id)))
                .as("fired once").isEqualTo(1);
        assertThat(queryLong("center", "SELECT available FROM stock WHERE product_id = 2")).as("released once").isEqualTo(stockBefore);
        assertThat(queryString("center", "SELECT fired_unit FROM unitize_timeout_task WHERE buyer_id = ? AND task_key = ?", buyer, task(id)))
                .as("the task row replicated to the center, fired by unit-b").isEqualTo("unit-b");
    }

    @Test
    void anOrderTheBuyerCancelledFirstIsLeftAloneByItsTimeout() throws Exception {
        long buyer = 1_310; // slot 1310: the center
        long stockBefore = queryLong("center", "SELECT available FROM stock WHERE product_id = 2");
        long id = place("unit-b", buyer, 2, 3);
        HttpResponse<String> cancel = ShopAcrossUnitsIT.post(shop.gateway("unit-b"), "/api/orders/" + id + "/cancel", buyer, "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(queryLong("center", "SELECT version FROM orders WHERE id = ?", id)).isEqualTo(2);

        awaitFired("center", buyer, id); // the callback ran and found the order cancelled already
        assertThat(queryLong("center", "SELECT version FROM orders WHERE id = ?", id)).as("not cancelled again").isEqualTo(2);
        assertThat(queryLong("center", "SELECT available FROM stock WHERE product_id = 2")).isEqualTo(stockBefore);
    }

    @Test
    void theBuyerOrderCountsJobWritesEachBuyersCountsInItsHomeUnitOnly() throws Exception {
        long[] buyers = {1_410, 6_410}; // one per unit
        for (long b : buyers) {
            place("center", b, 3, 1);
            place("unit-b", b, 3, 1);
        }
        for (long b : buyers) {
            String home = ShopAcrossUnitsIT.home(b);
            await("counts of buyer " + b + " computed by " + home, () -> queryLong(home,
                    "SELECT orders FROM buyer_order_counts WHERE buyer_id = ? AND computed_by_unit = ?", b, home) == 2);
        }
        for (String unit : new String[]{"center", "unit-b"}) {
            assertThat(queryLong(unit, "SELECT COUNT(*) FROM buyer_order_counts WHERE computed_by_unit = 'center' AND MOD(buyer_id, 10000) > 4999"))
                    .as("rows of unit-b's buyers computed by the center, seen in %s", unit).isZero();
            assertThat(queryLong(unit, "SELECT COUNT(*) FROM buyer_order_counts WHERE computed_by_unit = 'unit-b' AND MOD(buyer_id, 10000) <= 4999"))
                    .as("rows of the center's buyers computed by unit-b, seen in %s", unit).isZero();
        }
    }
}
