package io.unitize.rpc.it;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitRules;
import io.unitize.core.key.RoutableIdSlot;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.it.KeyedOrderService.Payment;
import io.unitize.rpc.it.KeyedOrderService.PlaceOrder;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.service.GenericService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23 part 2, no UnitApi copies: a UNIT interface keyed by a DTO field, a path, a named
 * parameter and a routable order id, served by a provider in each unit of the sandbox (each in its
 * unit's Nacos), called from consumers in both units. center owns slots 0-4999, unit-b 5000-9999.
 */
@SandboxServers(ServerKind.NACOS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteKeyRoutingIT {

    private static final String CHANNEL = "rpc-key-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static final List<DubboBootstrap> APPS = new ArrayList<>();
    private static final Map<String, RulesSubscriber> RULES = new HashMap<>();
    private static final RoutableIdSlot ORDER_IDS = RoutableIdSlot.routable(14); // id-service's IdLayout.routable(14)
    private static final long[] BUYERS = {7, 4_999, 5_000, 9_999, 12_345, 20_001, 37_042, 1_234_567_890_123L};

    private static UnitSandbox sandbox;
    private static RulesPublisher publisher;
    private static final Map<String, KeyedOrderService> ORDERS_FROM = new HashMap<>();
    private static GenericService genericFromB;
    private static int unitBProviderPort;

    @BeforeAll
    static void startUnits(UnitSandbox sb) throws Exception {
        sandbox = sb;
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        publisher = pb.build();
        CLOSE.add(publisher);
        publisher.publish(UnitRoutingIT.rules(1, 4999));
        for (SandboxUnit u : sandbox.units()) {
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(u.nacosAddr()).unit(u.code()).agentKind("rpc-router")
                    .dataId(CHANNEL + ".json").group(CHANNEL).build().start();
            CLOSE.add(s);
            RULES.put(u.code(), s);
            UnitRoutingIT.await(u.code() + " applies version 1", () -> s.appliedVersion() == 1);
        }
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        APPS.add(DubboApps.provider(center, "k1", CHANNEL, rules(center), DubboApps.freePort(), KeyedOrderService.class));
        unitBProviderPort = DubboApps.freePort();
        APPS.add(DubboApps.provider(b, "k1", CHANNEL, rules(b), unitBProviderPort, KeyedOrderService.class));
        for (SandboxUnit u : sandbox.units()) {
            DubboBootstrap consumer = DubboApps.consumer(u.code(), sandbox.units(), CHANNEL, rules(u));
            ReferenceConfig<KeyedOrderService> ref = DubboApps.reference(KeyedOrderService.class);
            consumer.reference(ref);
            ReferenceConfig<GenericService> generic = null;
            if (u == b) {
                generic = new ReferenceConfig<>();
                generic.setInterface(KeyedOrderService.class.getName());
                generic.setGeneric("true");
                generic.setScope("remote");
                generic.setCheck(false);
                generic.setTimeout(5_000);
                generic.setRetries(0);
                generic.setParameters(Map.of("migration.step", "FORCE_INTERFACE"));
                consumer.reference(generic);
            }
            consumer.start();
            APPS.add(consumer);
            ORDERS_FROM.put(u.code(), ref.get());
            if (generic != null) {
                genericFromB = generic.get();
            }
        }
        UnitRoutingIT.await("both consumers see the providers of both units", () -> {
            try {
                for (KeyedOrderService orders : ORDERS_FROM.values()) {
                    if (!orders.place(new PlaceOrder(1, "x")).startsWith("center/") || !orders.place(new PlaceOrder(5_001, "x")).startsWith("unit-b/")) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private static Supplier<RulesSnapshot> rules(SandboxUnit unit) {
        return () -> RULES.get(unit.code()).snapshot();
    }

    @AfterAll
    static void stopAll() throws Exception {
        DubboApps.stop(APPS, CLOSE);
    }

    private static String home(long buyer) {
        return Math.floorMod(buyer, 10_000L) < 5_000 ? "center" : "unit-b";
    }

    /** An order id as id-service's IdLayout.routable(14) mints it: time 31 | unit 4 | worker 6 | slot 14 | sequence 8. */
    static long orderId(int mintedInUnit, int slot, int sequence) {
        long tick = 28_000_000L; // some second of 2026
        return ((((tick << 4 | mintedInUnit) << 6 | 3) << 14 | slot) << 8) | sequence;
    }

    @Test
    @Order(1)
    void callsKeyedByADtoFieldAPathOrANamedParameterReachTheBuyersHomeUnitFromBothUnits() {
        ORDERS_FROM.forEach((from, orders) -> {
            for (long buyer : BUYERS) {
                String home = home(buyer);
                assertThat(orders.place(new PlaceOrder(buyer, "book"))).as("place from %s, buyer %d", from, buyer).startsWith(home + "/");
                assertThat(orders.pay(new Payment(new PlaceOrder(buyer, "book"), 100))).as("pay from %s, buyer %d", from, buyer)
                        .startsWith(home + "/");
                assertThat(orders.recent(3, buyer)).as("recent from %s, buyer %d", from, buyer).startsWith(home + "/");
            }
        });
    }

    @Test
    @Order(2)
    void callsKeyedByARoutableOrderIdReachTheUnitThatOwnsTheOrdersBuyerSlotFromBothUnits() {
        ORDERS_FROM.forEach((from, orders) -> {
            for (int slot : new int[]{0, 7, 4_999, 5_000, 7_042, 9_999}) {
                for (int mintedIn : new int[]{0, 1}) { // the unit bits do not decide: the slot does
                    long id = orderId(mintedIn, slot, 17);
                    assertThat(ORDER_IDS.slotOf(id)).isEqualTo(slot);
                    assertThat(orders.get(id)).as("get from %s, order %d of slot %d", from, id, slot).startsWith(home(slot) + "/");
                }
            }
        });
    }

    @Test
    @Order(3)
    void genericCallsWithTheDtoAsAMapRouteTheSameWay() {
        for (long buyer : BUYERS) {
            Object placed = genericFromB.$invoke("place", new String[]{PlaceOrder.class.getName()},
                    new Object[]{Map.of("class", PlaceOrder.class.getName(), "buyerId", buyer, "item", "book")});
            assertThat(String.valueOf(placed)).as("generic place for buyer %d", buyer).startsWith(home(buyer) + "/");
            Object got = genericFromB.$invoke("get", new String[]{"long"}, new Object[]{orderId(1, (int) Math.floorMod(buyer, 10_000L), 1)});
            assertThat(String.valueOf(got)).as("generic get for buyer %d's order", buyer).startsWith(home(buyer) + "/");
        }
    }

    @Test
    @Order(4)
    void aCallWithoutItsKeyIsRefusedTypedBeforeAnythingIsSent() {
        KeyedOrderService orders = ORDERS_FROM.get("unit-b");
        assertThatThrownBy(() -> orders.pay(new Payment(null, 100))).isInstanceOf(BuyerIdMissingException.class)
                .hasMessageContaining("UNITIZE-RPC-011 UNIT call " + KeyedOrderService.class.getName() + ".pay(Payment) needs its route key "
                        + "payment.order.buyerId (parameter 0)")
                .hasMessageContaining("but it is null");
    }

    @Test
    @Order(5)
    void theProviderRefusesACallSentStraightToTheWrongUnitByItsDtoKeyAndByItsOrderId() {
        DubboBootstrap direct = DubboBootstrap.newInstance();
        ReferenceConfig<KeyedOrderService> ref = DubboApps.reference(KeyedOrderService.class);
        ref.setUrl("dubbo://[::1]:" + unitBProviderPort); // unit-b's provider, no registry, no router
        direct.application(DubboApps.application("rpc-key-it-direct")).reference(ref).start();
        try {
            assertThat(ref.get().place(new PlaceOrder(5_001, "x"))).startsWith("unit-b/");
            assertThatThrownBy(() -> ref.get().place(new PlaceOrder(42, "x"))).isInstanceOf(UnitMisrouteException.class)
                    .hasMessageContaining("buyer 42 (slot 42) is homed in unit center, not in unit-b");
            long id = orderId(1, 42, 5);
            assertThatThrownBy(() -> ref.get().get(id)).isInstanceOf(UnitMisrouteException.class)
                    .hasMessageContaining("routable id " + id + " (orderId (parameter 0)) (slot 42) is homed in unit center, not in unit-b");
        } finally {
            direct.destroy();
        }
    }

    @Test
    @Order(6)
    void afterItsSlotMovedAnOrderIdReachesTheSlotsNewUnit() throws Exception {
        long mintedInCenter = orderId(0, 700, 9);
        assertThat(ORDERS_FROM.get("unit-b").get(mintedInCenter)).startsWith("center/");
        UnitRules moved = UnitRules.builder().version(2).updatedAt(java.time.Instant.now()).author("it").reason("slots 0-999 to unit-b")
                .unit(io.unitize.core.UnitDefinition.of("center", io.unitize.core.UnitRole.CENTER, Map.of()))
                .unit(io.unitize.core.UnitDefinition.of("unit-b", io.unitize.core.UnitRole.UNIT, Map.of()))
                .route(0, 999, "unit-b").route(1000, 4999, "center").route(5000, 9999, "unit-b").build();
        publisher.publish(moved);
        for (RulesSubscriber s : RULES.values()) {
            UnitRoutingIT.await("every unit applies version 2", () -> s.appliedVersion() == 2);
        }
        ORDERS_FROM.forEach((from, orders) -> assertThat(orders.get(mintedInCenter))
                .as("from %s: the order minted in the center, its slot 700 now in unit-b", from).startsWith("unit-b/"));
        ORDERS_FROM.forEach((from, orders) -> assertThat(orders.place(new PlaceOrder(700, "x"))).startsWith("unit-b/"));
    }

    @Test
    @Order(7)
    void anApplicationExportingAnInterfaceWithAMissingKeyFailsToStartNamingInterfaceMethodAndKey() {
        assertThatThrownBy(() -> DubboApps.provider(sandbox.center(), "bad", CHANNEL, rules(sandbox.center()), DubboApps.freePort(),
                BadKeyedService.class))
                .hasStackTraceContaining("UNITIZE-RPC-001 @HARoute(UNIT) interface " + BadKeyedService.class.getName()
                        + ": method pay(Payment) route key payment.order.customerId (parameter 0) is missing: PlaceOrder has no record component, getter or field 'customerId'");
        DubboBootstrap consumer = DubboApps.consumer("center", sandbox.units(), CHANNEL, rules(sandbox.center()));
        try {
            assertThatThrownBy(() -> consumer.reference(DubboApps.reference(BadKeyedService.class)).start())
                    .hasStackTraceContaining("UNITIZE-RPC-001").hasStackTraceContaining("pay(Payment) route key payment.order.customerId (parameter 0) is missing");
        } finally {
            consumer.destroy();
        }
    }
}
