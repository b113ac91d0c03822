package io.unitize.rpc.bench;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceProviders;
import io.unitize.rpc.UnitRouteDecider;
import io.unitize.rpc.dubbo.UnitizeDubbo;
import io.unitize.rpc.it.DubboApps;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Issue 6's and 25's figures: the route decision per call (core, ns) and Dubbo call throughput on
 * loopback through the router (consumer cluster filter + state router, provider guard) vs the same
 * service without {@code @HARoute}, on two or more providers per unit, in one run. Run with {@code rpc-router/bench/run.sh}.
 */
public class RouterBenchmark {

    public static final RulesSnapshot RULES = UnitRules.builder().version(1).updatedAt(Instant.parse("2026-11-22T00:00:00Z")).author("bench")
            .reason("bench").unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile();

    @State(Scope.Benchmark)
    public static class Decision {
        final UnitRouteDecider decider = new UnitRouteDecider("center");
        final ServiceProviders providers = new ServiceProviders(RouteType.UNIT, Set.of("center", "unit-b"));
    }

    /** The decision alone: buyer -> slot -> home unit -> has providers. */
    @Benchmark
    public String decide(Decision d) {
        long buyer = ThreadLocalRandom.current().nextLong(1_000_000_000L);
        return d.decider.targetUnit("io.unitize.rpc.bench.BenchOrders", "echo", buyer, RULES, d.providers);
    }

    /** The baseline of {@link #decide}: drawing the random buyer only. */
    @Benchmark
    public long drawBuyerOnly() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    /**
     * {@code providersPerUnit} provider applications (system property {@code bench.providersPerUnit},
     * default 2) in each of the sandbox's two units, each registered in its unit's Nacos and serving
     * the routed and the plain service, its guard installed with its own unit; one consumer (unit
     * center) subscribed to both units' Nacos, one registry per unit with zone = unit: the
     * production set-up (a state router only runs on a registry's directory, not on direct URLs).
     */
    @State(Scope.Benchmark)
    public static class Dubbo {
        final List<DubboBootstrap> providers = new ArrayList<>();
        UnitSandbox sandbox;
        DubboBootstrap consumer;
        BenchOrders routed;
        PlainOrders plain;
        int providersPerUnit;
        AtomicLongArray routedHits;
        AtomicLongArray plainHits; // counted too, so that both sides do the same work

        @Setup(Level.Trial)
        public void start() throws Exception {
            providersPerUnit = Integer.getInteger("bench.providersPerUnit", 2);
            routedHits = new AtomicLongArray(providersPerUnit * 2);
            plainHits = new AtomicLongArray(providersPerUnit * 2);
            int index = 0;
            sandbox = UnitSandbox.builder().baseDir(Path.of("rpc-router", "target", "bench-sandbox")).servers(ServerKind.NACOS).build()
                    .start();
            String group = "rpc-bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
            for (SandboxUnit unit : sandbox.units()) {
                for (int i = 0; i < providersPerUnit; i++) {
                    DubboBootstrap provider = DubboBootstrap.newInstance();
                    UnitizeDubbo.install(provider.getApplicationModel(), unit.code(), () -> RULES);
                    ProtocolConfig protocol = new ProtocolConfig("dubbo", freePort());
                    protocol.setHost("::1");
                    ServiceConfig<BenchOrders> routedService = new ServiceConfig<>();
                    routedService.setInterface(BenchOrders.class);
                    int me = index++;
                    routedService.setRef(buyerId -> {
                        routedHits.incrementAndGet(me);
                        return buyerId;
                    });
                    ServiceConfig<PlainOrders> plainService = new ServiceConfig<>();
                    plainService.setInterface(PlainOrders.class);
                    plainService.setRef(buyerId -> {
                        plainHits.incrementAndGet(me);
                        return buyerId;
                    });
                    provider.application(app("bench-provider-" + unit.code() + "-" + i)).registry(DubboApps.registry(unit, group))
                            .protocol(protocol).service(routedService).service(plainService).start();
                    providers.add(provider);
                }
            }
            consumer = DubboBootstrap.newInstance();
            UnitizeDubbo.install(consumer.getApplicationModel(), "center", () -> RULES);
            consumer.application(app("bench-consumer"));
            for (SandboxUnit unit : sandbox.units()) {
                RegistryConfig r = DubboApps.registry(unit, group);
                r.setRegister(false);
                consumer.registry(r);
            }
            ReferenceConfig<BenchOrders> r = reference(BenchOrders.class);
            ReferenceConfig<PlainOrders> p = reference(PlainOrders.class);
            consumer.reference(r).reference(p).start();
            routed = r.get();
            plain = p.get();
            awaitProviders();
            // every slot of both units once: a misrouted call would be refused by the provider's guard
            for (long buyer = 0; buyer < 10_000; buyer += 7) {
                if (routed.echo(buyer) != buyer || plain.echo(buyer) != buyer) {
                    throw new IllegalStateException("bench services answer wrong");
                }
            }
        }

        /** Until routed calls have reached every provider of both units (Nacos pushes take a moment). */
        private void awaitProviders() throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (true) {
                try {
                    for (long buyer = 0; buyer < 10_000; buyer += 50) {
                        routed.echo(buyer);
                    }
                    plain.echo(1);
                } catch (RuntimeException notYet) {
                    // a unit's providers not pushed yet
                }
                boolean all = true;
                for (int i = 0; i < routedHits.length(); i++) {
                    all &= routedHits.get(i) > 0;
                }
                if (all) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("routed calls did not reach every provider within 120 s: " + routedHits);
                }
                Thread.sleep(200);
            }
        }

        private static <T> ReferenceConfig<T> reference(Class<T> service) {
            ReferenceConfig<T> ref = new ReferenceConfig<>();
            ref.setInterface(service);
            ref.setCheck(false);
            ref.setTimeout(10_000); // a busy 2-core machine: no timeouts, and no retries hiding a failure
            ref.setRetries(0);
            ref.setScope("remote"); // the providers run in this JVM: no in-JVM shortcut for either side
            ref.setParameters(Map.of("migration.step", "FORCE_INTERFACE"));
            return ref;
        }

        private static int freePort() throws java.io.IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }

        private static ApplicationConfig app(String name) {
            ApplicationConfig a = new ApplicationConfig(name);
            a.setQosEnable(false);
            a.setRegisterMode("interface");
            return a;
        }

        @TearDown(Level.Trial)
        public void stop() {
            if (consumer != null) {
                consumer.destroy();
            }
            providers.forEach(DubboBootstrap::destroy);
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    /** A Dubbo call of a UNIT service for a buyer of either unit: routed to the home unit's providers and guarded there. */
    @Benchmark
    public long callWithRouter(Dubbo d) {
        return d.routed.echo(ThreadLocalRandom.current().nextLong(10_000)); // slots 0-4999 center, 5000-9999 unit-b
    }

    /** The same call of the same implementation, service not annotated: any of the providers, no Unitize work. */
    @Benchmark
    public long callWithoutRouter(Dubbo d) {
        return d.plain.echo(ThreadLocalRandom.current().nextLong(10_000));
    }
}
