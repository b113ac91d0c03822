package io.unitize.core.spring;

import io.unitize.core.nacos.RulesSubscriber;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rules subscriber the starter gives, with which properties, and how a bad configuration stops startup. */
class UnitizeRulesAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class));

    @Test
    void withoutUnitizeUnitThereIsNoSubscriber() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(RulesSubscriber.class));
    }

    @Test
    void aSubscriberOfTheApplicationReplacesTheStartersOne() {
        RulesSubscriber own = RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("own").build();
        runner.withPropertyValues("unitize.unit=unit-b").withBean(RulesSubscriber.class, () -> own)
                .run(ctx -> assertThat(ctx).hasNotFailed().getBean(RulesSubscriber.class).isSameAs(own));
    }

    @Test
    void aMalformedUnitStopsStartupNamingThePropertyAndTheFix() {
        runner.withPropertyValues("unitize.unit=Unit_B").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = analysis(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-016 RulesSubscriber needs unit (1-32 lowercase letters, "
                    + "digits or '-', was 'Unit_B')").contains("unitize.unit");
            assertThat(a.getAction()).contains("Set unitize.unit");
        });
    }

    @Test
    void halfACredentialPairStopsStartup() {
        runner.withPropertyValues("unitize.unit=unit-b", "unitize.rules.username=agent").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = analysis(ctx.getStartupFailure());
            assertThat(a.getDescription()).contains("UNITIZE-RULE-050").contains("username 'agent' is set but no password");
            assertThat(a.getAction()).contains("in pairs");
        });
    }

    private static FailureAnalysis analysis(Throwable failure) {
        FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(failure);
        assertThat(a).as("analyzed: " + failure).isNotNull();
        return a;
    }
}
