package io.unitize.rpc.http.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.http.spring.UnitizeHttpAutoConfiguration;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real Spring Cloud applications on the sandbox's two Nacos: in each unit a servlet provider of
 * "orders" (UNIT), a WebFlux provider of "orders-rx" (UNIT, buyer in the path) and a provider of
 * "catalog" (CENTER), each registered in its own unit's Nacos through Spring Cloud Alibaba; in each
 * unit a consumer that discovers in both Nacos and calls through Spring Cloud LoadBalancer with
 * OpenFeign, RestClient and WebClient. center owns slots 0-4999, unit-b 5000-9999 (slot = buyerId mod 10,000).
 */
@SandboxServers(ServerKind.NACOS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpUnitRoutingIT {

    private static final String CHANNEL = "http-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<ConfigurableApplicationContext> APPS = new ArrayList<>();
    private static final Map<String, ConfigurableApplicationContext> CONSUMERS = new HashMap<>();
    private static final Map<String, ConfigurableApplicationContext> ORDERS = new HashMap<>();
    private static final Map<String, ConfigurableApplicationContext> ORDERS_RX = new HashMap<>();

    private static RulesPublisher publisher;

    static UnitRules rules(long version, int centerTo, SlotRange... frozen) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("http routing IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, centerTo, "center").route(centerTo + 1, 9999, "unit-b");
        for (SlotRange f : frozen) {
            b.freeze(f);
        }
        return b.build();
    }

    @BeforeAll
    static void startApps(UnitSandbox sandbox) throws Exception {
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        publisher = pb.build();
        publisher.publish(rules(1, 4999));
        for (SandboxUnit u : sandbox.units()) {
            ConfigurableApplicationContext orders = HttpApps.provider(HttpApps.ServletProvider.class, WebApplicationType.SERVLET, u, CHANNEL, "orders");
            ConfigurableApplicationContext rx = HttpApps.provider(HttpApps.ReactiveProvider.class, WebApplicationType.REACTIVE, u, CHANNEL, "orders-rx");
            APPS.add(orders);
            APPS.add(rx);
            APPS.add(HttpApps.provider(HttpApps.ServletProvider.class, WebApplicationType.SERVLET, u, CHANNEL, "catalog"));
            ORDERS.put(u.code(), orders);
            ORDERS_RX.put(u.code(), rx);
        }
        for (SandboxUnit u : sandbox.units()) {
            ConfigurableApplicationContext c = HttpApps.consumer(u, sandbox.units(), CHANNEL);
            APPS.add(c);
            CONSUMERS.put(u.code(), c);
        }
        // Nacos pushes take a moment: every consumer sees the providers of both units
        for (String from : CONSUMERS.keySet()) {
            await(from + " sees the providers of both units", () -> {
                try {
                    return feign(from).where(1).equals("center/orders") && feign(from).where(5001).equals("unit-b/orders")
                            && rxByPath(from, 1).equals("center/orders-rx") && rxByPath(from, 5001).equals("unit-b/orders-rx")
                            && catalog(from).where().equals("center/catalog");
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        }
    }

    @AfterAll
    static void stopApps() throws Exception {
        for (int i = APPS.size() - 1; i >= 0; i--) {
            APPS.get(i).close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    @Order(1)
    void unitCallsFromBothUnitsLandInTheBuyersHomeUnitByFeignRestClientAndWebClient() {
        for (String from : CONSUMERS.keySet()) {
            for (long buyer = 0; buyer < 400; buyer++) {
                long id = buyer * 25 + (buyer % 7) * 10_000; // slots 0, 25, ..., 9975 across the whole table
                String home = id % 10_000 <= 4999 ? "center" : "unit-b";
                assertThat(feign(from).where(id)).as("Feign GET buyer %d from %s", id, from).isEqualTo(home + "/orders");
                if (buyer % 4 == 0) {
                    assertThat(feign(from).place(id, "book")).as("Feign POST buyer %d from %s", id, from).isEqualTo(home + "/orders");
                    assertThat(restByHeader(from, id)).as("RestClient (header) buyer %d from %s", id, from).isEqualTo(home + "/orders");
                    assertThat(restByPath(from, id)).as("RestClient (path) buyer %d from %s", id, from).isEqualTo(home + "/orders-rx");
                    assertThat(rxByPath(from, id)).as("WebClient (path) buyer %d from %s", id, from).isEqualTo(home + "/orders-rx");
                }
            }
            UnitizeHttpAutoConfiguration.HttpRouting routing = CONSUMERS.get(from).getBean(UnitizeHttpAutoConfiguration.HttpRouting.class);
            assertThat(routing.counters().decisions(RouteType.UNIT, true)).as("calls that stayed in %s", from).isPositive();
            assertThat(routing.counters().decisions(RouteType.UNIT, false)).as("calls that left %s", from).isPositive();
        }
    }

    @Test
    @Order(2)
    void centerCallsLandInTheCenterFromBothUnits() {
        for (String from : CONSUMERS.keySet()) {
            for (int i = 0; i < 20; i++) {
                assertThat(catalog(from).where()).as("CENTER call from %s", from).isEqualTo("center/catalog");
            }
        }
    }

    @Test
    @Order(3)
    void aUnitCallWithoutABuyerIsRefusedBeforeAnythingIsSent() {
        RestClient rest = CONSUMERS.get("unit-b").getBean(RestClient.Builder.class).build();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> rest.get().uri("http://orders/orders/none/where")
                .retrieve().body(String.class));
        Throwable t = thrown;
        while (t != null && !(t instanceof BuyerIdMissingException)) {
            t = t.getCause();
        }
        assertThat(t).as("the refusal in %s", thrown).isInstanceOf(BuyerIdMissingException.class);
        assertThat(t.getMessage()).contains("UNITIZE-RPC-011").contains("orders").contains("X-Buyer-Id");
    }

    @Test
    @Order(4)
    void aCallSentStraightToTheWrongUnitsProviderIsRefusedWithAProblemDocument() {
        // buyer 7 (slot 7) is homed in the center; send it to unit-b's providers without the load balancer
        for (Map<String, ConfigurableApplicationContext> providers : List.of(ORDERS, ORDERS_RX)) {
            int port = HttpApps.port(providers.get("unit-b"));
            ResponseEntity<String> r = RestClient.create().get().uri("http://127.0.0.1:" + port + "/orders/7/where").retrieve()
                    .onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
            assertThat(r.getStatusCode().value()).isEqualTo(421);
            assertThat(r.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            JSONObject p = JSON.parseObject(r.getBody());
            assertThat(p.getString("type")).isEqualTo("urn:unitize:problem:misrouted");
            assertThat(p.getString("code")).isEqualTo("UNITIZE-RPC-031");
            assertThat(p.getIntValue("status")).isEqualTo(421);
            assertThat(p.getLongValue("buyerId")).isEqualTo(7);
            assertThat(p.getIntValue("slot")).isEqualTo(7);
            assertThat(p.getString("homeUnit")).isEqualTo("center");
            assertThat(p.getString("thisUnit")).isEqualTo("unit-b");
            assertThat(p.getLongValue("rulesVersion")).isEqualTo(1);
            assertThat(p.getString("detail")).contains("buyer 7").contains("send it to center");
            // the header names the buyer too, and wins over the path
            ResponseEntity<String> byHeader = RestClient.create().get().uri("http://127.0.0.1:" + port + "/orders/5007/where")
                    .header("X-Buyer-Id", "7").retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
            assertThat(byHeader.getStatusCode().value()).isEqualTo(421);
            // a buyer that is not a number is refused, not guessed
            ResponseEntity<String> bad = RestClient.create().get().uri("http://127.0.0.1:" + port + "/orders/5007/where")
                    .header("X-Buyer-Id", "5007; drop").retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
            assertThat(bad.getStatusCode().value()).isEqualTo(400);
            assertThat(JSON.parseObject(bad.getBody()).getString("code")).isEqualTo("UNITIZE-RPC-033");
        }
    }

    @Test
    @Order(5)
    void aFrozenBuyersWriteIsRefusedAndItsReadsAreServed() {
        publish(rules(2, 4999, new SlotRange(0, 99)));
        for (String from : CONSUMERS.keySet()) {
            assertThat(feign(from).where(42)).isEqualTo("center/orders");
            // the Feign client gets the provider's refusal as the typed exception, as a Dubbo consumer does
            assertThatThrownBy(() -> feign(from).place(42, "book")).isInstanceOfSatisfying(UnitWriteFrozenException.class, e -> {
                assertThat(e.buyerId()).isEqualTo(42);
                assertThat(e.slot()).isEqualTo(42);
                assertThat(e.rulesVersion()).isEqualTo(2);
            });
            assertThat(feign(from).place(142, "book")).isEqualTo("center/orders");
        }
        int port = HttpApps.port(ORDERS_RX.get("center"));
        ResponseEntity<String> r = RestClient.create().post().uri("http://127.0.0.1:" + port + "/orders/42?item=x").retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        JSONObject p = JSON.parseObject(r.getBody());
        assertThat(p.getString("type")).isEqualTo("urn:unitize:problem:frozen");
        assertThat(p.getIntValue("slot")).isEqualTo(42);
        assertThat(p.getString("homeUnit")).isEqualTo("center");
        assertThat(p.getLongValue("rulesVersion")).isEqualTo(2);
    }

    @Test
    @Order(6)
    void aRulesPushMovingARangeChangesWhereTheNextCallGoes() {
        long buyer = 13_500; // slot 3500: center under version 2, unit-b once 3000-4999 moved
        for (String from : CONSUMERS.keySet()) {
            assertThat(feign(from).where(buyer)).isEqualTo("center/orders");
        }
        publish(rules(3, 2999));
        for (String from : CONSUMERS.keySet()) {
            assertThat(feign(from).where(buyer)).as("Feign from %s after the push", from).isEqualTo("unit-b/orders");
            assertThat(feign(from).place(buyer, "book")).isEqualTo("unit-b/orders");
            assertThat(restByHeader(from, buyer)).isEqualTo("unit-b/orders");
            assertThat(rxByPath(from, buyer)).isEqualTo("unit-b/orders-rx");
            assertThat(feign(from).where(2999)).isEqualTo("center/orders");
        }
        // and the center's provider now refuses that buyer
        int port = HttpApps.port(ORDERS.get("center"));
        ResponseEntity<String> r = RestClient.create().get().uri("http://127.0.0.1:" + port + "/orders/" + buyer + "/where").retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(421);
        assertThat(JSON.parseObject(r.getBody()).getString("homeUnit")).isEqualTo("unit-b");
        assertThat(JSON.parseObject(r.getBody()).getLongValue("rulesVersion")).isEqualTo(3);
    }

    /** Publishes {@code rules} and waits until every app has applied it (the subscriber reports only then). */
    private static void publish(UnitRules rules) {
        try {
            publisher.publish(rules);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (ConfigurableApplicationContext app : APPS) {
            RulesSubscriber s = app.getBean(RulesSubscriber.class);
            await(HttpApps.where(app) + " applies version " + rules.version(), () -> s.appliedVersion() >= rules.version());
        }
    }

    private static OrdersClient feign(String from) {
        return CONSUMERS.get(from).getBean(OrdersClient.class);
    }

    private static CatalogClient catalog(String from) {
        return CONSUMERS.get(from).getBean(CatalogClient.class);
    }

    private static String restByHeader(String from, long buyer) {
        return CONSUMERS.get(from).getBean(RestClient.Builder.class).build().get().uri("http://orders/orders/{b}/where", buyer)
                .header("X-Buyer-Id", Long.toString(buyer)).retrieve().body(String.class);
    }

    private static String restByPath(String from, long buyer) {
        return CONSUMERS.get(from).getBean(RestClient.Builder.class).build().get().uri("http://orders-rx/orders/{b}/where", buyer)
                .retrieve().body(String.class);
    }

    private static String rxByPath(String from, long buyer) {
        return CONSUMERS.get(from).getBean(WebClient.Builder.class).build().get().uri("http://orders-rx/orders/{b}/where", buyer)
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + WAIT + " waiting until " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
