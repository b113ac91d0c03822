package io.unitize.rpc.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import io.unitize.rpc.InvalidHARouteException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RPC starter without Dubbo servers: when routing is installed, and what a bad @HARoute
 * interface shows at startup (the routing itself: UnitizeRpcAutoConfigurationIT, UnitRoutingIT).
 */
class UnitizeRpcAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRpcAutoConfiguration.class));

    private ApplicationContextRunner withRules() {
        return runner.withBean(RulesSubscriber.class, () -> RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b")
                .agentKind("rpc-router").build());
    }

    @Test
    void withTheRulesSubscriberRoutingIsInstalledForThatUnit() {
        withRules().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class);
            assertThat(ctx.getBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class).context().unit()).isEqualTo("unit-b");
        });
    }

    @Test
    void withoutTheSubscriberOrWhenDisabledNothingIsInstalled() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class));
        withRules().withPropertyValues("unitize.rpc.enabled=false").run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class));
    }

    @Test
    void aBadUnitInterfaceIsAnalyzedWithTheFix() {
        FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(new IllegalStateException("export failed",
                new InvalidHARouteException("com.shop.OrderService", "cancel(String)", "does not take long buyerId first")));
        assertThat(a.getDescription()).startsWith("UNITIZE-RPC-001 @HARoute(UNIT) interface com.shop.OrderService: method cancel(String)");
        assertThat(a.getAction()).contains("a route key (take `long buyerId` first, or mark it with io.unitize.core.key.UnitKey)")
                .contains("@HARoute(CENTER)");
    }
}
