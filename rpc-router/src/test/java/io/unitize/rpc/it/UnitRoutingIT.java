package io.unitize.rpc.it;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.rpc.NoUnitProviderException;
import io.unitize.rpc.RouteType;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real Dubbo providers in both units of the sandbox (each registered in its unit's Nacos) and
 * consumers that see both registries; rules from the sandbox's Nacos through unit-core's
 * subscriber. center owns slots 0-4999, unit-b 5000-9999 (slot = buyerId mod 10,000).
 */
@SandboxServers(ServerKind.NACOS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnitRoutingIT {

    private static final String CHANNEL = "rpc-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static final List<DubboBootstrap> APPS = new ArrayList<>();

    private static UnitSandbox sandbox;
    private static RulesPublisher publisher;
    private static final Map<String, RulesSubscriber> RULES = new HashMap<>();
    private static OrderService ordersFromCenter;
    private static OrderService ordersFromB;
    private static CatalogService catalogFromB;
    private static ProfileService profileFromB;
    private static ProfileService profileFromCenter;
    private static GenericService genericOrdersFromB;
    private static int unitBProviderPort;

    static UnitRules rules(long version, int centerTo, SlotRange... frozen) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("rpc-router IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, centerTo, "center").route(centerTo + 1, 9999, "unit-b");
        for (SlotRange f : frozen) {
            b.freeze(f);
        }
        return b.build();
    }

    @BeforeAll
    static void startUnits(UnitSandbox sb) throws Exception {
        sandbox = sb;
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        publisher = pb.build();
        CLOSE.add(publisher);
        publisher.publish(rules(1, 4999));
        for (SandboxUnit u : sandbox.units()) {
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(u.nacosAddr()).unit(u.code()).agentKind("rpc-router")
                    .dataId(CHANNEL + ".json").group(CHANNEL).build().start();
            CLOSE.add(s);
            RULES.put(u.code(), s);
            await(u.code() + " applies version 1", () -> s.appliedVersion() == 1);
        }
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        // two providers of OrderService per unit; the catalog only in the center; the profile service in both
        // units; a DEFAULT-less case: CatalogService has no provider in unit-b
        APPS.add(DubboApps.provider(center, "p1", CHANNEL, rules(center), DubboApps.freePort(), OrderService.class, CatalogService.class, ProfileService.class));
        APPS.add(DubboApps.provider(center, "p2", CHANNEL, rules(center), DubboApps.freePort(), OrderService.class));
        unitBProviderPort = DubboApps.freePort();
        APPS.add(DubboApps.provider(b, "p1", CHANNEL, rules(b), unitBProviderPort, OrderService.class, ProfileService.class));
        APPS.add(DubboApps.provider(b, "p2", CHANNEL, rules(b), DubboApps.freePort(), OrderService.class));

        DubboBootstrap consumerCenter = DubboApps.consumer("center", sandbox.units(), CHANNEL, rules(center));
        ReferenceConfig<OrderService> oc = DubboApps.reference(OrderService.class);
        ReferenceConfig<ProfileService> pc = DubboApps.reference(ProfileService.class);
        consumerCenter.reference(oc).reference(pc).start();
        APPS.add(consumerCenter);
        ordersFromCenter = oc.get();
        profileFromCenter = pc.get();

        DubboBootstrap consumerB = DubboApps.consumer("unit-b", sandbox.units(), CHANNEL, rules(b));
        ReferenceConfig<OrderService> ob = DubboApps.reference(OrderService.class);
        ReferenceConfig<CatalogService> cb = DubboApps.reference(CatalogService.class);
        ReferenceConfig<ProfileService> pbRef = DubboApps.reference(ProfileService.class);
        ReferenceConfig<GenericService> gb = new ReferenceConfig<>();
        gb.setInterface(OrderService.class.getName());
        gb.setGeneric("true");
        gb.setScope("remote"); // no interface class here: say it (typed @HARoute references are made remote by Unitize)
        gb.setCheck(false);
        gb.setTimeout(5_000);
        gb.setRetries(0);
        gb.setParameters(Map.of("migration.step", "FORCE_INTERFACE"));
        consumerB.reference(ob).reference(cb).reference(pbRef).reference(gb).start();
        APPS.add(consumerB);
        ordersFromB = ob.get();
        catalogFromB = cb.get();
        profileFromB = pbRef.get();
        genericOrdersFromB = gb.get();

        // every consumer sees the providers of both units (Nacos pushes take a moment)
        await("the consumers see the providers of both units", () -> {
            try {
                return ordersFromCenter.whereIs(1).startsWith("center/") && ordersFromCenter.whereIs(5001).startsWith("unit-b/")
                        && ordersFromB.whereIs(1).startsWith("center/") && ordersFromB.whereIs(5001).startsWith("unit-b/")
                        && catalogFromB.where("x").startsWith("center/") && profileFromB.where("x").startsWith("unit-b/")
                        && profileFromCenter.where("x").startsWith("center/")
                        && String.valueOf(genericOrdersFromB.$invoke("whereIs", new String[]{"long"}, new Object[]{5001L})).startsWith("unit-b/");
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

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long calls(String provider) {
        var c = Where.CALLS.get(provider);
        return c == null ? 0 : c.get();
    }

    @Test
    @Order(1)
    void unitCallsLandOnlyOnTheProvidersOfTheBuyersHomeUnit() {
        Map<String, Long> before = new HashMap<>();
        for (String p : List.of("center/p1", "center/p2", "unit-b/p1", "unit-b/p2")) {
            before.put(p, calls(p));
        }
        int centerBuyers = 0;
        int unitBBuyers = 0;
        for (long buyer = 0; buyer < 400; buyer++) {
            long id = buyer * 37 + 3; // spread over the slots of both units
            String home = id % 10_000 < 5_000 ? "center" : "unit-b";
            for (OrderService orders : List.of(ordersFromCenter, ordersFromB)) {
                assertThat(orders.whereIs(id)).as("buyer %d (slot %d)", id, id % 10_000).startsWith(home + "/");
                if (home.equals("center")) {
                    centerBuyers++;
                } else {
                    unitBBuyers++;
                }
            }
        }
        long toCenter = calls("center/p1") - before.get("center/p1") + calls("center/p2") - before.get("center/p2");
        long toB = calls("unit-b/p1") - before.get("unit-b/p1") + calls("unit-b/p2") - before.get("unit-b/p2");
        assertThat(centerBuyers).isPositive();
        assertThat(unitBBuyers).isPositive();
        assertThat(toCenter).as("calls served in the center").isEqualTo(centerBuyers);
        assertThat(toB).as("calls served in unit-b").isEqualTo(unitBBuyers);
        // both providers of a unit share the load (the router narrows to the unit, the load balancer spreads)
        assertThat(calls("unit-b/p1") - before.get("unit-b/p1")).isPositive();
        assertThat(calls("unit-b/p2") - before.get("unit-b/p2")).isPositive();
    }

    @Test
    @Order(2)
    void centerAndDefaultCallsGoWhereTheirRouteTypeSays() {
        for (int i = 0; i < 20; i++) {
            assertThat(catalogFromB.where("sku-" + i)).as("CENTER from unit-b").startsWith("center/");
            assertThat(profileFromB.where("k" + i)).as("DEFAULT from unit-b: the local provider").startsWith("unit-b/");
            assertThat(profileFromCenter.where("k" + i)).as("DEFAULT from the center: the local provider").startsWith("center/");
        }
    }

    @Test
    @Order(3)
    void aUnitWithoutProviderIsATypedRefusalNamingServiceBuyerAndUnit() throws Exception {
        // the unit-b provider of ProfileService goes away: DEFAULT from unit-b falls back to the center
        DubboBootstrap onlyCatalogInB = null;
        try {
            // a UNIT service with providers only in the center: a unit-b buyer cannot be served
            String group2 = CHANNEL + "-2";
            APPS.add(DubboApps.provider(sandbox.center(), "solo", group2, rules(sandbox.center()), DubboApps.freePort(), OrderService.class,
                    ProfileService.class));
            onlyCatalogInB = DubboApps.provider(sandbox.unit("unit-b"), "solo", group2, rules(sandbox.unit("unit-b")), DubboApps.freePort(),
                    CatalogService.class);
            DubboBootstrap consumer = DubboApps.consumer("unit-b", sandbox.units(), group2, rules(sandbox.unit("unit-b")));
            ReferenceConfig<OrderService> o = DubboApps.reference(OrderService.class);
            ReferenceConfig<ProfileService> p = DubboApps.reference(ProfileService.class);
            ReferenceConfig<CatalogService> c = DubboApps.reference(CatalogService.class);
            consumer.reference(o).reference(p).reference(c).start();
            APPS.add(consumer);
            await("the second consumer sees the center's providers", () -> {
                try {
                    return o.get().whereIs(1).startsWith("center/");
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            await("the second consumer sees unit-b's catalog provider", () -> {
                try {
                    c.get().where("x");
                    return false;
                } catch (NoUnitProviderException expected) {
                    return expected.getMessage().contains("providers are in [");
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            assertThat(p.get().where("k")).as("DEFAULT, no provider in the local unit: the center").startsWith("center/");
            assertThatThrownBy(() -> o.get().whereIs(5_001)).isInstanceOf(NoUnitProviderException.class)
                    .hasMessageContaining("OrderService").hasMessageContaining("UNIT").hasMessageContaining("unit-b")
                    .hasMessageContaining("buyer 5001 (slot 5001)")
                    .satisfies(e -> {
                        NoUnitProviderException n = (NoUnitProviderException) e;
                        assertThat(n.routeType()).isEqualTo(RouteType.UNIT);
                        assertThat(n.wantedUnit()).isEqualTo("unit-b");
                        assertThat(n.buyerId()).isEqualTo(5_001L);
                    });
            assertThatThrownBy(() -> c.get().where("x")).as("CENTER, providers only in unit-b").isInstanceOf(NoUnitProviderException.class)
                    .hasMessageContaining("in unit center");
        } finally {
            if (onlyCatalogInB != null) {
                onlyCatalogInB.destroy();
            }
        }
    }

    @Test
    @Order(4)
    void genericCallsRouteTheSameWay() {
        for (long id : new long[]{7, 4_999, 5_000, 9_999, 12_345, 20_001}) {
            String home = id % 10_000 < 5_000 ? "center" : "unit-b";
            assertThat(String.valueOf(genericOrdersFromB.$invoke("whereIs", new String[]{"long"}, new Object[]{id})))
                    .as("generic call for buyer %d", id).startsWith(home + "/");
        }
    }

    @Test
    @Order(5)
    void aMisroutedCallSentStraightToTheWrongProviderIsRefusedTyped() {
        DubboBootstrap direct = DubboBootstrap.newInstance();
        ReferenceConfig<OrderService> ref = DubboApps.reference(OrderService.class);
        ref.setUrl("dubbo://[::1]:" + unitBProviderPort); // straight to unit-b's provider, no registry, no router
        direct.application(DubboApps.application("rpc-it-direct")).reference(ref).start();
        try {
            assertThat(ref.get().whereIs(5_001)).startsWith("unit-b/");
            assertThatThrownBy(() -> ref.get().whereIs(42)).isInstanceOf(UnitMisrouteException.class)
                    .hasMessageContaining("buyer 42 (slot 42) is homed in unit center, not in unit-b")
                    .satisfies(e -> assertThat(((UnitMisrouteException) e).homeUnit()).isEqualTo("center"));
        } finally {
            direct.destroy();
        }
    }

    @Test
    @Order(6)
    void frozenBuyersAreRefusedTypedAndACutoverMovesTheCallsOnceTheRouterReportedTheNewVersion() throws Exception {
        // v2: slots 0-999 frozen (they are about to move to unit-b)
        publisher.publish(rules(2, 4999, new SlotRange(0, 999)));
        for (RulesSubscriber s : RULES.values()) {
            await(s.unit() + " applies version 2", () -> s.appliedVersion() == 2);
        }
        assertThatThrownBy(() -> ordersFromB.whereIs(500)).isInstanceOf(UnitWriteFrozenException.class)
                .hasMessageContaining("500");
        assertThat(ordersFromB.whereIs(1_500)).as("a buyer outside the frozen range").startsWith("center/");

        // callers keep calling buyers of the moving range while v3 (routes switched, freeze lifted) is pushed
        record Call(long startedAt, String landedOn, Throwable refused) {
        }
        ConcurrentLinkedQueue<Call> log = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                for (long i = offset; !stop.get(); i += 3) {
                    long buyer = i % 1_000;
                    long started = System.nanoTime();
                    try {
                        log.add(new Call(started, ordersFromB.whereIs(buyer), null));
                    } catch (RuntimeException e) {
                        log.add(new Call(started, null, e));
                    }
                }
            });
            th.start();
            callers.add(th);
        }
        Thread.sleep(300);
        publisher.publish(rules(3, 4999).toBuilder().routes(List.of())
                .route(0, 999, "unit-b").route(1000, 4999, "center").route(5000, 9999, "unit-b").build());
        RulesSubscriber consumerRules = RULES.get("unit-b");
        long reportedAt;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumerRules.appliedVersion() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        reportedAt = System.nanoTime();
        assertThat(consumerRules.appliedVersion()).isEqualTo(3);
        await("the center applies version 3", () -> RULES.get("center").appliedVersion() == 3);
        Thread.sleep(500);
        stop.set(true);
        for (Thread th : callers) {
            th.join();
        }
        long after = 0;
        for (Call c : log) {
            if (c.startedAt() > reportedAt) {
                after++;
                if (c.refused() == null) {
                    assertThat(c.landedOn()).as("a call started after the consumer reported version 3").startsWith("unit-b/");
                } else {
                    assertThat(c.refused()).as("a call started after the consumer reported version 3")
                            .isNotInstanceOf(UnitWriteFrozenException.class).isNotInstanceOf(NoUnitProviderException.class);
                    // only the provider's own rules lagging can refuse it (misroute in unit-b until unit-b applied v3)
                    assertThat(c.refused()).isInstanceOf(UnitMisrouteException.class);
                }
            }
            if (c.refused() == null) {
                assertThat(c.landedOn()).as("a moving buyer is never served by the old unit: frozen there, then routed away")
                        .startsWith("unit-b/");
            }
        }
        assertThat(after).as("calls made after the report").isGreaterThan(10);
        assertThat(ordersFromCenter.whereIs(500)).startsWith("unit-b/");
        assertThat(Set.of(ordersFromB.whereIs(2_500))).allMatch(w -> w.startsWith("center/"));
    }

    @Test
    @Order(7)
    void anApplicationExportingABadUnitInterfaceFailsToStartNamingInterfaceAndMethod() {
        assertThatThrownBy(() -> DubboApps.provider(sandbox.center(), "bad", CHANNEL, rules(sandbox.center()), DubboApps.freePort(),
                BadUnitService.class))
                .hasStackTraceContaining("UNITIZE-RPC-001")
                .hasStackTraceContaining(BadUnitService.class.getName())
                .hasStackTraceContaining("lookup(String) route key none is missing: the method takes String first, not long buyerId");
    }

    @Test
    @Order(8)
    void aConsumerOfABadUnitInterfaceFailsToStartToo() {
        DubboBootstrap consumer = DubboApps.consumer("center", sandbox.units(), CHANNEL, rules(sandbox.center()));
        try {
            assertThatThrownBy(() -> consumer.reference(DubboApps.reference(BadUnitService.class)).start())
                    .hasStackTraceContaining("UNITIZE-RPC-001").hasStackTraceContaining("lookup(String)");
        } finally {
            consumer.destroy();
        }
    }
}
