package io.unitize.rpc.bench;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceProviders;
import io.unitize.rpc.UnitRouteDecider;
import io.unitize.rpc.dubbo.UnitizeDubbo;
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

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 6's figures: the route decision per call (core, ns) and Dubbo call throughput on loopback
 * through the router (consumer cluster filter + state router, provider guard) vs the same service
 * without {@code @HARoute}, in one run. Run with {@code rpc-router/bench/run.sh}.
 */
public class RouterBenchmark {

    static final RulesSnapshot RULES = UnitRules.builder().version(1).updatedAt(Instant.parse("2026-11-22T00:00:00Z")).author("bench")
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

    @State(Scope.Benchmark)
    public static class Dubbo {
        DubboBootstrap provider;
        DubboBootstrap consumer;
        BenchOrders routed;
        PlainOrders plain;

        @Setup(Level.Trial)
        public void start() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            provider = DubboBootstrap.newInstance();
            UnitizeDubbo.install(provider.getApplicationModel(), "center", () -> RULES);
            ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
            protocol.setHost("::1");
            ServiceConfig<BenchOrders> routedService = new ServiceConfig<>();
            routedService.setInterface(BenchOrders.class);
            routedService.setRef(buyerId -> buyerId);
            ServiceConfig<PlainOrders> plainService = new ServiceConfig<>();
            plainService.setInterface(PlainOrders.class);
            plainService.setRef(buyerId -> buyerId);
            provider.application(app("bench-provider")).registry(new RegistryConfig("N/A")).protocol(protocol)
                    .service(routedService).service(plainService).start();

            consumer = DubboBootstrap.newInstance();
            UnitizeDubbo.install(consumer.getApplicationModel(), "center", () -> RULES);
            // a direct URL carrying what the registry would carry: the provider's unit and route type
            ReferenceConfig<BenchOrders> r = new ReferenceConfig<>();
            r.setInterface(BenchOrders.class);
            r.setUrl("dubbo://[::1]:" + port + "?unitize.unit=center&unitize.route=UNIT");
            ReferenceConfig<PlainOrders> p = new ReferenceConfig<>();
            p.setInterface(PlainOrders.class);
            p.setUrl("dubbo://[::1]:" + port);
            consumer.application(app("bench-consumer")).registry(new RegistryConfig("N/A")).reference(r).reference(p).start();
            routed = r.get();
            plain = p.get();
            if (routed.echo(42) != 42 || plain.echo(42) != 42) {
                throw new IllegalStateException("bench services answer wrong");
            }
        }

        private static ApplicationConfig app(String name) {
            ApplicationConfig a = new ApplicationConfig(name);
            a.setQosEnable(false);
            return a;
        }

        @TearDown(Level.Trial)
        public void stop() {
            consumer.destroy();
            provider.destroy();
        }
    }

    /** A Dubbo call of a UNIT service for a buyer homed in the provider's unit: routed and guarded. */
    @Benchmark
    public long callWithRouter(Dubbo d) {
        return d.routed.echo(ThreadLocalRandom.current().nextLong(5_000)); // slots 0-4999: homed in center
    }

    /** The same call of the same implementation, service not annotated: no Unitize work. */
    @Benchmark
    public long callWithoutRouter(Dubbo d) {
        return d.plain.echo(ThreadLocalRandom.current().nextLong(5_000));
    }
}
