package io.unitize.shop.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.controlcenter.ControlCenterApplication;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cutover run through the control center's REST API while orders flow through both gateways:
 * slots 7000-7999 move from unit-b to the center. No acknowledged order is lost, each was written
 * by the unit that owned its buyer at that moment (every unit-b write of a moving buyer precedes
 * every center write of one), every event is applied once in the buyer's home unit, stock is
 * reserved once per order and held for no refused order, and a cached order of a moved buyer is
 * invalidated in unit-b's Redis when the center changes it.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
class ShopCutoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "shop-it-" + Long.toHexString(System.nanoTime());
    private static ConfigurableApplicationContext cc;
    private static String ccUrl;
    private static ShopUnits shop;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        List<String> a = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--unitize.control-center.store.directory=" + Path.of("target", "cc-" + System.nanoTime()).toAbsolutePath(),
                "--unitize.control-center.security.bootstrap-users[0].username=operator",
                "--unitize.control-center.security.bootstrap-users[0].password=" + PASSWORD,
                "--unitize.control-center.security.bootstrap-users[0].roles[0]=OPERATOR",
                "--spring.cloud.gateway.server.webflux.enabled=false",
                "--spring.autoconfigure.exclude=org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration",
                "--dubbo.enabled=false", "--spring.jmx.enabled=false",
                // this JVM's classpath holds the shop's Spring Cloud Alibaba discovery: not for the control center
                "--spring.cloud.nacos.discovery.enabled=false", "--spring.cloud.service-registry.auto-registration.enabled=false"));
        for (SandboxUnit u : sandbox.units()) {
            String p = "--unitize.control-center.units." + u.code() + ".";
            a.add(p + "nacos=" + u.nacosAddr());
            a.add(p + "jdbc-url=" + u.jdbcUrl(""));
            a.add(p + "db-user=" + u.dbUser());
            a.add(p + "db-password=" + u.dbPassword());
        }
        cc = new SpringApplicationBuilder(ControlCenterApplication.class).run(a.toArray(String[]::new));
        ccUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) cc).getWebServer().getPort();
        // above any version an earlier test class of this JVM published directly
        shop = ShopUnits.prepare(sandbox, Instant.now().getEpochSecond() + 100_000);
        HttpResponse<String> stored = cc("PUT", "/api/v1/rules", shop.rules(shop.firstVersion, 4999).toJson());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        shop.start();
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
        if (cc != null) {
            cc.close();
        }
    }

    static HttpResponse<String> cc(String method, String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ccUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> place(String via, long buyer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(shop.gateway(via) + "/api/orders")).timeout(Duration.ofSeconds(20))
                .header("X-Buyer-Id", String.valueOf(buyer)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":1,\"quantity\":1}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        ShopUnits.await(what, Duration.ofSeconds(90), condition);
    }

    static long queryLong(String unit, String sql, Object... args) throws Exception {
        return shop.queryLong(unit, sql, args);
    }

    record Acked(long buyer, long orderId) {
    }

    @Test
    void aCutoverUnderFlowingOrdersLosesNoAcknowledgedOrderAndNoBuyerIsWrittenByANonOwner() throws Exception {
        long movingBuyer = 7_042; // slot 7042: unit-b, then the center
        HttpResponse<String> first = place("center", movingBuyer);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long cachedOrder = JSON.readTree(first.body()).path("id").asLong();
        assertThat(JSON.readTree(first.body()).path("servedByUnit").asText()).isEqualTo("unit-b");
        // read it once: cached in unit-b's Redis
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(shop.gateway("unit-b") + "/api/orders/" + cachedOrder))
                .header("X-Buyer-Id", String.valueOf(movingBuyer)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        String key = "order:" + movingBuyer + ":" + cachedOrder;
        RedisClient unitBRedis = RedisClient.create(shop.unit("unit-b").redisUri());
        try (StatefulRedisConnection<String, String> redisB = unitBRedis.connect()) {
            assertThat(redisB.sync().get(key)).as("cached in unit-b").isNotNull();

            List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
            acked.add(new Acked(movingBuyer, cachedOrder));
            AtomicBoolean flowing = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unexpected = new AtomicInteger();
            List<String> unexpectedBodies = Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String via = t == 0 ? "center" : "unit-b";
                int seed = t;
                Thread client = new Thread(() -> {
                    int i = 0;
                    while (flowing.get() && i < 150) {
                        long buyer = (i % 3 == 0) ? 1_000 + seed * 10 + i % 10 : 7_100 + seed * 10 + i % 10; // 2/3 moving buyers
                        i++;
                        try {
                            HttpResponse<String> r = place(via, buyer);
                            if (r.statusCode() == 201) {
                                acked.add(new Acked(buyer, JSON.readTree(r.body()).path("id").asLong()));
                            } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                                refused.incrementAndGet();
                            } else {
                                unexpected.incrementAndGet();
                                unexpectedBodies.add(r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            unexpected.incrementAndGet();
                            unexpectedBodies.add(e.toString());
                        }
                    }
                }, "shop-it-client-" + via);
                client.start();
                clients.add(client);
            }
            await("some orders before the cutover", () -> acked.size() >= 10);
            HttpResponse<String> started = cc("POST", "/api/v1/cutovers",
                    "{\"type\":\"MOVE_SLOTS\",\"from\":7000,\"to\":7999,\"toUnit\":\"center\",\"reason\":\"shop IT\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String id = JSON.readTree(started.body()).path("id").asText();
            await("the cutover finished", () -> {
                String status = JSON.readTree(cc("GET", "/api/v1/cutovers/" + id, null).body()).path("status").asText();
                return status.equals("DONE") || status.equals("ROLLED_BACK");
            });
            JsonNode cutover = JSON.readTree(cc("GET", "/api/v1/cutovers/" + id, null).body());
            assertThat(cutover.path("status").asText()).as(cutover.toString()).isEqualTo("DONE");
            int atSwitch = acked.size();
            await("orders after the cutover", () -> acked.size() >= atSwitch + 10);
            flowing.set(false);
            for (Thread c : clients) {
                c.join();
            }
            assertThat(unexpected.get()).as("neither 201 nor 503+Retry-After: %s", unexpectedBodies).isZero();

            long centerServer = shop.unit("center").dbServerId();
            long unitBServer = shop.unit("unit-b").dbServerId();
            Timestamp lastUnitBWrite = null;
            Timestamp firstCenterWrite = null;
            for (Acked o : acked) {
                for (String unit : List.of("center", "unit-b")) {
                    await("order " + o.orderId() + " in " + unit,
                            () -> queryLong(unit, "SELECT COUNT(*) FROM orders WHERE id = ?", o.orderId()) == 1);
                }
                long writer = queryLong("center", "SELECT written_by_server FROM orders WHERE id = ?", o.orderId());
                boolean moving = Math.floorMod(o.buyer(), 10_000) >= 7000 && Math.floorMod(o.buyer(), 10_000) <= 7999;
                if (!moving) {
                    assertThat(writer).as("order %d of buyer %d", o.orderId(), o.buyer()).isEqualTo(centerServer);
                    continue;
                }
                assertThat(writer).isIn(centerServer, unitBServer);
                Timestamp at = createdAt(o.orderId());
                if (writer == unitBServer && (lastUnitBWrite == null || at.after(lastUnitBWrite))) {
                    lastUnitBWrite = at;
                }
                if (writer == centerServer && (firstCenterWrite == null || at.before(firstCenterWrite))) {
                    firstCenterWrite = at;
                }
            }
            assertThat(lastUnitBWrite).as("moving buyers were written in unit-b before the cutover").isNotNull();
            assertThat(firstCenterWrite).as("and in the center after it").isNotNull();
            assertThat(lastUnitBWrite).as("no unit-b write of a moving buyer after the center took one").isBeforeOrEqualTo(firstCenterWrite);

            // stock: reserved once per acknowledged order, and none held for an order that does not exist
            for (Acked o : acked) {
                assertThat(queryLong("center", "SELECT COUNT(*) FROM stock_reservation WHERE order_id = ? AND state = 'RESERVED'", o.orderId()))
                        .isEqualTo(1);
            }
            await("no stock held for a refused order", () -> queryLong("center",
                    "SELECT COUNT(*) FROM stock_reservation r WHERE r.state = 'RESERVED' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)") == 0);

            // events: each order counted once, in its buyer's home unit now (the center, for the moved buyers)
            for (long buyer = 7_100; buyer < 7_120; buyer++) {
                long b = buyer;
                long orders = acked.stream().filter(o -> o.buyer() == b).count();
                if (orders > 0) {
                    await("stats of buyer " + b, () -> queryLong("center", "SELECT orders_placed FROM buyer_stats_total WHERE buyer_id = ?", b) == orders);
                }
            }

            // the cached order of the moved buyer: changed in the center, gone from unit-b's Redis
            HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(URI.create(shop.gateway("unit-b") + "/api/orders/" + cachedOrder + "/cancel"))
                    .header("X-Buyer-Id", String.valueOf(movingBuyer)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(JSON.readTree(cancel.body()).path("servedByUnit").asText()).isEqualTo("center");
            assertThat(JSON.readTree(cancel.body()).path("updatedByServer").asLong()).isEqualTo(centerServer);
            await("unit-b's cached copy invalidated by the center's change", () -> redisB.sync().get(key) == null);
        } finally {
            unitBRedis.shutdown();
        }
    }

    private static Timestamp createdAt(long orderId) throws Exception {
        try (Connection c = shop.db("center"); PreparedStatement ps = c.prepareStatement("SELECT created_at FROM orders WHERE id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        }
    }
}
