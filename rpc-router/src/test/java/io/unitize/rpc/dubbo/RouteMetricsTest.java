package io.unitize.rpc.dubbo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.NoUnitProviderException;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceProviders;
import io.unitize.rpc.micrometer.RpcMetrics;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.AsyncRpcResult;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcInvocation;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consumer's route decisions and refusals reach {@code unitize.rpc.decisions} / {@code unitize.rpc.refusals}. */
class RouteMetricsTest {

    /** center 0-4999, unit-b 5000-9999. */
    private static final RulesSnapshot RULES = UnitRules.builder().version(3).updatedAt(Instant.parse("2026-12-02T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile();

    private final AtomicReference<RulesSnapshot> rules = new AtomicReference<>(RULES);
    private FrameworkModel framework;
    private ApplicationModel app;
    private UnitizeDubbo ctx;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        framework = new FrameworkModel();
        app = framework.newApplication();
        ctx = UnitizeDubbo.install(app, "unit-b", () -> {
            RulesSnapshot s = rules.get();
            if (s == null) {
                throw new RulesUnavailableException("no rules yet");
            }
            return s;
        });
        new RpcMetrics("unit-b", ctx.counters()).bindTo(registry);
    }

    @AfterEach
    void tearDown() {
        framework.destroy();
    }

    private static RpcInvocation call(Object buyer) {
        return new RpcInvocation("place", "Orders", "Orders", new Class<?>[]{long.class}, new Object[]{buyer});
    }

    private double decisions(String route, String target) {
        return registry.get("unitize.rpc.decisions").tag("unit", "unit-b").tag("route", route).tag("target", target).functionCounter().count();
    }

    private double refusals(String reason) {
        return registry.get("unitize.rpc.refusals").tag("reason", reason).functionCounter().count();
    }

    @Test
    void eachCallIsCountedOnceByRouteTypeAndWhetherItStaysInTheUnit() {
        ServiceProviders unit = new ServiceProviders(RouteType.UNIT, Set.of("center", "unit-b"));
        RpcInvocation home = call(7042L);
        assertThat(CallRouting.target(ctx, "Orders", unit, home)).isEqualTo("unit-b");
        assertThat(CallRouting.target(ctx, "Orders", unit, home)).as("decided once per call (filter, then router)").isEqualTo("unit-b");
        assertThat(CallRouting.target(ctx, "Orders", unit, call(42L))).isEqualTo("center");
        assertThat(CallRouting.target(ctx, "Catalog", new ServiceProviders(RouteType.CENTER, Set.of("center")), call(1L))).isEqualTo("center");
        assertThat(decisions("UNIT", "local")).isEqualTo(1);
        assertThat(decisions("UNIT", "remote")).isEqualTo(1);
        assertThat(decisions("CENTER", "remote")).isEqualTo(1);
        assertThat(decisions("DEFAULT", "local")).isZero();
    }

    @Test
    void refusalsAreCountedByReason() {
        ServiceProviders onlyB = new ServiceProviders(RouteType.UNIT, Set.of("unit-b"));
        assertThatThrownBy(() -> CallRouting.target(ctx, "Orders", onlyB, call(42L))).isInstanceOf(NoUnitProviderException.class);
        assertThatThrownBy(() -> CallRouting.target(ctx, "Orders", onlyB, call("abc"))).isInstanceOf(BuyerIdMissingException.class);
        rules.set(null);
        assertThatThrownBy(() -> CallRouting.target(ctx, "Orders", onlyB, call(7042L))).isInstanceOf(RulesUnavailableException.class);
        assertThat(refusals("no_provider")).isEqualTo(1);
        assertThat(refusals("buyer_id_missing")).isEqualTo(1);
        assertThat(refusals("no_rules")).isEqualTo(1);
        assertThat(refusals("frozen")).isZero();
        assertThat(decisions("UNIT", "local") + decisions("UNIT", "remote")).isZero();
    }

    @Test
    void theProviderGuardsRefusalsAreCountedByReasonAndNothingIsCalled() {
        rules.set(UnitRules.builder().version(4).updatedAt(Instant.parse("2026-12-02T00:00:00Z")).author("t").reason("t")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").freeze(7000, 7999).build().compile());
        URL url = URL.valueOf("dubbo://127.0.0.1:20880/Orders?unitize.route=UNIT&unitize.unit=unit-b").setScopeModel(app);
        java.util.concurrent.atomic.AtomicInteger called = new java.util.concurrent.atomic.AtomicInteger();
        Invoker<Object> service = new Invoker<>() {
            public Class<Object> getInterface() {
                return Object.class;
            }

            public Result invoke(Invocation invocation) {
                called.incrementAndGet();
                return AsyncRpcResult.newDefaultAsyncResult("ok", invocation);
            }

            public URL getUrl() {
                return url;
            }

            public boolean isAvailable() {
                return true;
            }

            public void destroy() {
            }
        };
        UnitGuardFilter guard = new UnitGuardFilter();
        assertThat(guard.invoke(service, call(42L)).getException()).isInstanceOf(UnitMisrouteException.class);
        assertThat(guard.invoke(service, call(7042L)).getException()).isInstanceOf(UnitWriteFrozenException.class);
        assertThat(guard.invoke(service, call(5042L)).hasException()).isFalse();
        assertThat(called).as("only the buyer homed here and not frozen reaches the service").hasValue(1);
        assertThat(refusals("misrouted")).isEqualTo(1);
        assertThat(refusals("frozen")).isEqualTo(1);
    }
}
