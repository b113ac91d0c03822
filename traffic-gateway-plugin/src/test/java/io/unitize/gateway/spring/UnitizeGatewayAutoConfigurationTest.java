package io.unitize.gateway.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.gateway.HopAuthenticator;
import io.unitize.gateway.scg.HopHeaderStripper;
import io.unitize.gateway.scg.StrictHttpFramingCustomizer;
import io.unitize.gateway.scg.UnitRoutingGlobalFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter's wiring and its startup refusals (no Nacos needed: the rules subscriber is built, not started). */
class UnitizeGatewayAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeGatewayAutoConfiguration.class))
            .withBean(RulesSubscriber.class, () -> RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("gateway").build());

    @Test
    void aGatewayWithoutHopKeyDoesNotStartAndSaysWhatToSet() {
        runner.run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable t = ctx.getStartupFailure();
            while (t != null && !(t instanceof GatewayConfigException)) {
                t = t.getCause();
            }
            assertThat(t).isNotNull().hasMessageStartingWith("UNITIZE-GW-001 unitize.gateway.hop.keys is empty");
            FailureAnalysis analysis = new GatewayConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis.getAction()).contains("unitize.gateway.hop.keys[0].secret");
        });
    }

    @Test
    void shortSecretsAndUnknownSigningKeysAreRefusedNamingTheProperty() {
        runner.withPropertyValues("unitize.gateway.hop.keys[0].id=k1", "unitize.gateway.hop.keys[0].secret=short").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("unitize.gateway.hop.keys[0]")
                        .hasMessageContaining("at least 32 bytes"));
        runner.withPropertyValues("unitize.gateway.hop.keys[0].id=k1", "unitize.gateway.hop.keys[0].secret=0123456789abcdef0123456789abcdef",
                "unitize.gateway.hop.signing-key-id=k2").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("'k2' is not one of the hop keys [k1]"));
        runner.withPropertyValues("unitize.gateway.hop.keys[0].id=k1", "unitize.gateway.hop.keys[0].secret=0123456789abcdef0123456789abcdef",
                "unitize.gateway.jwt.jwk-set-file=/nonexistent/jwks.json").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("jwk-set-file /nonexistent/jwks.json cannot be read"));
    }

    @Test
    void withAHopKeyTheStripperTheFramingCheckAndTheFilterAreThere() {
        runner.withPropertyValues("unitize.gateway.hop.keys[0].id=k1", "unitize.gateway.hop.keys[0].secret=0123456789abcdef0123456789abcdef")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).hasSingleBean(HopHeaderStripper.class).hasSingleBean(StrictHttpFramingCustomizer.class)
                            .hasSingleBean(UnitRoutingGlobalFilter.class);
                    assertThat(ctx.getBean(HopAuthenticator.class).keyIds()).containsExactly("k1");
                });
    }
}
