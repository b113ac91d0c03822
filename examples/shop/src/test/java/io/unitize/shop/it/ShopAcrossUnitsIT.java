package io.unitize.shop.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.RedisClient;
import io.unitize.core.nacos.RulesChannel;
import io.unitize.id.IdLayout;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop on both units of the sandbox, through the real gateways: where orders are written,
 * that they replicate, that inventory is the center's, that events are applied once per consumer
 * mode, that the cache is read and invalidated, and how bad input and frozen buyers are refused.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
class ShopAcrossUnitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ShopUnits shop;
    /** The shop's order id layout (id-service's routable layout with 14 slot bits). */
    private static final IdLayout ROUTABLE = IdLayout.routable(14);

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        shop = ShopUnits.start(sandbox);
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    static String home(long buyerId) {
        return Math.floorMod(buyerId, 10_000) <= 4999 ? "center" : "unit-b";
    }

    static HttpResponse<String> post(String base, String path, Long buyer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (buyer != null) {
            b.header("X-Buyer-Id", String.valueOf(buyer));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String base, String path, Long buyer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (buyer != null) {
            b.header("X-Buyer-Id", String.valueOf(buyer));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode placeOk(String viaUnit, long buyer, long product, int qty) throws Exception {
        HttpResponse<String> r = post(shop.gateway(viaUnit), "/api/orders", buyer,
                "{\"items\":[{\"productId\":" + product + ",\"quantity\":" + qty + "}]}");
        assertThat(r.statusCode()).as("place for buyer %d via %s: %s", buyer, viaUnit, r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    static long queryLong(String unit, String sql, Object... args) throws Exception {
        return shop.queryLong(unit, sql, args);
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        ShopUnits.await(what, Duration.ofSeconds(60), condition);
    }

    @Test
    void ordersThroughEitherGatewayAreWrittenOnlyByTheHomeUnitAndReplicate() throws Exception {
        List<long[]> placed = new ArrayList<>(); // {buyer, orderId}
        String[] vias = {"center", "unit-b"};
        for (int i = 0; i < 20; i++) {
            long buyer = i < 10 ? 1_000 + i : 6_000 + i;
            String via = vias[i % 2];
            JsonNode order = placeOk(via, buyer, 1, 1 + i % 3);
            assertThat(order.path("servedByUnit").asText()).as("buyer %d served by", buyer).isEqualTo(home(buyer));
            assertThat(order.path("writtenByServer").asLong()).isEqualTo(shop.unit(home(buyer)).dbServerId());
            // the routable id layout: the id alone names the issuing unit and the buyer's slot
            long id = order.path("id").asLong();
            assertThat(ROUTABLE.unitOf(id)).as("unit bits of order %d", id).isEqualTo(shop.unit(home(buyer)).index());
            assertThat(ROUTABLE.slotOf(id)).as("slot bits of order %d", id).isEqualTo((int) Math.floorMod(buyer, 10_000));
            placed.add(new long[]{buyer, order.path("id").asLong()});
        }
        for (long[] p : placed) {
            long homeServer = shop.unit(home(p[0])).dbServerId();
            for (SandboxUnit u : shop.sandbox.units()) {
                await("order " + p[1] + " in " + u.code(),
                        () -> queryLong(u.code(), "SELECT written_by_server FROM orders WHERE id = ?", p[1]) == homeServer);
                await("items of order " + p[1] + " in " + u.code(),
                        () -> queryLong(u.code(), "SELECT COUNT(*) FROM order_items WHERE order_id = ?", p[1]) == 1);
            }
        }
        // read back from either gateway: the home unit answers
        for (long[] p : placed) {
            for (String via : vias) {
                HttpResponse<String> r = get(shop.gateway(via), "/api/orders/" + p[1], p[0]);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).path("servedByUnit").asText()).isEqualTo(home(p[0]));
            }
        }
    }

    /**
     * Spring Cloud Alibaba registers each shop in its own unit's Nacos (shop.yml names it once, as
     * spring.cloud.nacos.discovery.server-addr), and the shop's Unitize agent, which has no
     * unitize.rules.server-addr, found the same Nacos through unit-core's fallback.
     */
    @Test
    void eachShopIsRegisteredByDiscoveryInItsOwnUnitsNacosAndItsAgentTookTheSameNacos() throws Exception {
        for (SandboxUnit u : shop.sandbox.units()) {
            String service = "shop-" + u.code();
            NamingService own = NacosFactory.createNamingService(u.nacosAddr());
            try {
                await(service + " registered in " + u.code() + "'s Nacos", () -> own.getAllInstances(service).stream()
                        .anyMatch(i -> i.getIp().equals("127.0.0.1") && i.getPort() == shop.shopPorts.get(u.code()) && i.isHealthy()));
                await("the shop's Unitize agent registered in " + u.code() + "'s Nacos", () ->
                        own.getAllInstances(RulesChannel.AGENTS_SERVICE, RulesChannel.DEFAULT_GROUP).stream().anyMatch(i ->
                                "shop".equals(i.getMetadata().get("unitize.kind")) && u.code().equals(i.getMetadata().get("unitize.unit"))));
            } finally {
                own.shutDown();
            }
            for (SandboxUnit other : shop.sandbox.units()) {
                if (other != u) {
                    NamingService theirs = NacosFactory.createNamingService(other.nacosAddr());
                    try {
                        assertThat(theirs.getAllInstances(service)).as(service + " in " + other.code() + "'s Nacos").isEmpty();
                    } finally {
                        theirs.shutDown();
                    }
                }
            }
        }
    }

    static String buyerToken(long buyer, String secret) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(String.valueOf(buyer))
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static HttpResponse<String> placeWithToken(String via, String token, Long headerBuyer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(shop.gateway(via) + "/api/orders")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":2,\"quantity\":1}]}"));
        if (headerBuyer != null) {
            b.header("X-Buyer-Id", String.valueOf(headerBuyer));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A buyer identified only by a JWT (HS256, subject = buyer id): routed by the gateway, checked again by the shop. */
    @Test
    void aBuyerIdentifiedByAJwtOrdersThroughEitherGatewayAndABadTokenWritesNothing() throws Exception {
        long buyer = 5_321; // unit-b
        String token = buyerToken(buyer, ShopUnits.JWT_SECRET);
        HttpResponse<String> r = placeWithToken("center", token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(r.body());
        assertThat(order.get("buyerId").asLong()).isEqualTo(buyer);
        assertThat(order.get("servedByUnit").asText()).isEqualTo("unit-b");
        long orderId = order.get("id").asLong();
        assertThat(shop.queryLong("unit-b", "SELECT written_by_server FROM orders WHERE id = ? AND buyer_id = ?", orderId, buyer))
                .isEqualTo(shop.unit("unit-b").dbServerId());

        long before = shop.queryLong("unit-b", "SELECT COUNT(*) FROM orders WHERE buyer_id = ?", buyer);
        String forged = buyerToken(buyer, "not-the-shop-jwt-key-" + java.util.UUID.randomUUID());
        assertThat(placeWithToken("center", forged, null).statusCode()).as("forged token").isEqualTo(401);
        assertThat(placeWithToken("unit-b", token, buyer + 1).statusCode()).as("a header naming another buyer than the token").isEqualTo(400);
        assertThat(shop.queryLong("unit-b", "SELECT COUNT(*) FROM orders WHERE buyer_id = ?", buyer)).isEqualTo(before);
        assertThat(shop.queryLong("unit-b", "SELECT COUNT(*) FROM orders WHERE buyer_id = ?", buyer + 1)).isZero();
    }

    @Test
    void inventoryIsReservedInTheCenterOncePerOrderAlsoForUnitBBuyers() throws Exception {
        long before = queryLong("center", "SELECT available FROM stock WHERE product_id = 2");
        JsonNode order = placeOk("unit-b", 6_500, 2, 3);
        long id = order.path("id").asLong();
        assertThat(order.path("servedByUnit").asText()).isEqualTo("unit-b");
        assertThat(queryLong("center", "SELECT written_by_server FROM stock_reservation WHERE order_id = ?", id))
                .as("the reservation was written by the center's database").isEqualTo(shop.unit("center").dbServerId());
        assertThat(queryLong("center", "SELECT available FROM stock WHERE product_id = 2")).isEqualTo(before - 3);
    }

    @Test
    void eventsAreAppliedOncePerConsumerModeAndARedeliveryChangesNothing() throws Exception {
        long buyer = 6_777;
        long unitsBefore = Math.max(0, queryLong("center", "SELECT units_sold FROM sales_totals WHERE product_id = 3"));
        placeOk("center", buyer, 3, 2);
        JsonNode second = placeOk("unit-b", buyer, 3, 1);
        await("buyer stats in unit-b", () -> queryLong("unit-b", "SELECT orders_placed FROM buyer_stats_total WHERE buyer_id = ?", buyer) == 2);
        assertThat(queryLong("unit-b", "SELECT items_bought FROM buyer_stats_total WHERE buyer_id = ?", buyer)).isEqualTo(3);
        await("sales totals in the center", () -> queryLong("center", "SELECT units_sold FROM sales_totals WHERE product_id = 3") == unitsBefore + 3);
        // the home unit's stats were written there only, in its own row (the center's copy came by replication)
        assertThat(queryLong("center", "SELECT COUNT(*) FROM buyer_stats_by_unit WHERE buyer_id = ? AND unit <> 'unit-b'", buyer))
                .isEqualTo(0);

        // a redelivery of the second order's event (same version), then a new order: only the new one counts
        try (io.unitize.mq.rocketmq.UnitProducer again = io.unitize.mq.rocketmq.UnitProducer.start(
                shop.unit("unit-b").namesrvAddr(), "shop-it-redeliver", "unit-b")) {
            again.send("ORDER_EVENTS", "PLACED", second.path("id").asText(), JSON.writeValueAsBytes(second), buyer,
                    second.path("version").asLong());
        }
        placeOk("unit-b", buyer, 3, 4);
        await("third order counted", () -> queryLong("unit-b", "SELECT orders_placed FROM buyer_stats_total WHERE buyer_id = ?", buyer) == 3);
        await("third order in sales", () -> queryLong("center", "SELECT units_sold FROM sales_totals WHERE product_id = 3") == unitsBefore + 7);
        assertThat(queryLong("unit-b", "SELECT items_bought FROM buyer_stats_total WHERE buyer_id = ?", buyer)).isEqualTo(7);
        assertThat(queryLong("unit-b", "SELECT version FROM unitize_applied_version WHERE biz_key = ?", "stats:" + second.path("id").asText()))
                .isEqualTo(1);
    }

    /**
     * The transactional outbox: with unit-b's RocketMQ stopped a cancel is still answered 200, its
     * event is an unsent outbox row written with the cancel, and once the broker is back the relay
     * delivers it (the UNIT consumer counts the cancellation) and marks the row sent.
     */
    @Test
    void aCancelWhoseEventCannotBeSentIsDeliveredOnceTheBrokerIsBack(UnitSandbox sandbox) throws Exception {
        long buyer = 6_901; // unit-b
        long id = placeOk("unit-b", buyer, 1, 2).path("id").asLong();
        await("the placed order counted", () -> queryLong("unit-b", "SELECT orders_placed FROM buyer_stats_total WHERE buyer_id = ?", buyer) == 1);
        sandbox.stopServer("unit-b", ServerKind.ROCKETMQ);
        try {
            HttpResponse<String> cancel = post(shop.gateway("unit-b"), "/api/orders/" + id + "/cancel", buyer, "");
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(queryLong("unit-b", "SELECT COUNT(*) FROM order_outbox WHERE order_id = ? AND version = 2 AND tags = 'CANCELLED'"
                    + " AND sent_at IS NULL", id)).as("the cancel's event, kept unsent in unit-b's outbox").isEqualTo(1);
        } finally {
            sandbox.startServer("unit-b", ServerKind.ROCKETMQ);
        }
        ShopUnits.await("the cancel's event delivered once the broker is back", Duration.ofMinutes(3),
                () -> queryLong("unit-b", "SELECT orders_cancelled FROM buyer_stats_total WHERE buyer_id = ?", buyer) == 1);
        ShopUnits.await("its outbox row marked sent", Duration.ofMinutes(1),
                () -> queryLong("unit-b", "SELECT COUNT(*) FROM order_outbox WHERE order_id = ? AND sent_at IS NOT NULL", id) == 2);
        assertThat(queryLong("unit-b", "SELECT items_bought FROM buyer_stats_total WHERE buyer_id = ?", buyer)).isEqualTo(0);
    }

    @Test
    void anOrderReadIsCachedInTheHomeUnitsRedisAndAChangeInvalidatesIt() throws Exception {
        long buyer = 1_234;
        JsonNode order = placeOk("unit-b", buyer, 1, 1);
        long id = order.path("id").asLong();
        String key = "order:" + buyer + ":" + id;
        RedisClient client = RedisClient.create(shop.unit("center").redisUri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(get(shop.gateway("unit-b"), "/api/orders/" + id, buyer).statusCode()).isEqualTo(200);
            assertThat(redis.sync().get(key)).as("cached in the center's Redis").contains("\"status\":\"PLACED\"");
            HttpResponse<String> cancel = post(shop.gateway("unit-b"), "/api/orders/" + id + "/cancel", buyer, "");
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            await("the cached copy invalidated", () -> redis.sync().get(key) == null);
            assertThat(JSON.readTree(get(shop.gateway("center"), "/api/orders/" + id, buyer).body()).path("status").asText())
                    .isEqualTo("CANCELLED");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() throws Exception {
        long buyer = 1_999;
        String direct = "http://127.0.0.1:" + shop.shopPorts.get("center");
        long stockBefore = queryLong("center", "SELECT available FROM stock WHERE product_id = 1");

        HttpResponse<String> unknown = post(shop.gateway("center"), "/api/orders", buyer, "{\"items\":[{\"productId\":999,\"quantity\":1}]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("field").asText()).isEqualTo("items[0].productId");

        HttpResponse<String> zero = post(shop.gateway("unit-b"), "/api/orders", buyer, "{\"items\":[{\"productId\":1,\"quantity\":0}]}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(zero.body()).path("field").asText()).isEqualTo("items[0].quantity");

        HttpResponse<String> noBuyer = post(direct, "/api/orders", null, "{\"items\":[{\"productId\":1,\"quantity\":1}]}");
        assertThat(noBuyer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noBuyer.body()).path("field").asText()).isEqualTo("X-Buyer-Id");

        HttpRequest nonNumeric = HttpRequest.newBuilder(URI.create(direct + "/api/orders")).header("X-Buyer-Id", "abc")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":1,\"quantity\":1}]}")).build();
        HttpResponse<String> nn = HTTP.send(nonNumeric, HttpResponse.BodyHandlers.ofString());
        assertThat(nn.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nn.body()).path("field").asText()).isEqualTo("X-Buyer-Id");
        assertThat(nn.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        assertThat(queryLong("center", "SELECT COUNT(*) FROM orders WHERE buyer_id = ?", buyer)).isZero();
        assertThat(queryLong("center", "SELECT available FROM stock WHERE product_id = 1")).isEqualTo(stockBefore);
    }

    @Test
    void aFrozenBuyersWriteIs503WithRetryAfterAndNothingIsWritten() throws Exception {
        long buyer = 6_123; // slot 6123, unit-b
        long v = shop.firstVersion + 1_000;
        shop.publish(shop.rules(v, 4999).toBuilder().version(v).freeze(6_100, 6_199).build());
        try {
            String direct = "http://127.0.0.1:" + shop.shopPorts.get("unit-b");
            String body = "{\"items\":[{\"productId\":1,\"quantity\":1}]}";
            java.util.concurrent.atomic.AtomicInteger placedBeforeTheFreeze = new java.util.concurrent.atomic.AtomicInteger();
            await("the freeze in force at unit-b's shop", () -> {
                int status = post(direct, "/api/orders", buyer, body).statusCode();
                if (status == 201) {
                    placedBeforeTheFreeze.incrementAndGet(); // the subscriber had not applied the freeze yet
                }
                return status == 503;
            });
            HttpResponse<String> atShop = post(direct, "/api/orders", buyer, body);
            assertThat(atShop.headers().firstValue("Retry-After")).isPresent();
            assertThat(atShop.body()).contains("buyer 6123");
            HttpResponse<String> atGateway = post(shop.gateway("center"), "/api/orders", buyer, body);
            assertThat(atGateway.statusCode()).isEqualTo(503);
            assertThat(atGateway.headers().firstValue("Retry-After")).isPresent();
            assertThat(queryLong("unit-b", "SELECT COUNT(*) FROM orders WHERE buyer_id = ?", buyer))
                    .as("only the orders acknowledged before the freeze").isEqualTo(placedBeforeTheFreeze.get());
            // (reads of a frozen buyer are refused too: rpc-router's provider guard checks every UNIT call, reads included)
        } finally {
            shop.publish(shop.rules(v + 1, 4999));
        }
    }
}
