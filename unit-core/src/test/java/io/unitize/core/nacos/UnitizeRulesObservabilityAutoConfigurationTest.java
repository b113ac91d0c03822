package io.unitize.core.nacos;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.core.Fixtures;
import io.unitize.core.health.RulesReadinessStateHealthIndicator;
import io.unitize.core.micrometer.RulesMeterBinder;
import io.unitize.core.spring.UnitizeRulesObservabilityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's readiness (Spring Boot's {@code readinessState} bean, which the probes group reads) is
 * the rules-aware one, whatever the order Spring Boot's availability auto-configurations run in.
 */
class UnitizeRulesObservabilityAutoConfigurationTest {

    private final RulesSubscriber subscriber = RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("gateway").build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRulesObservabilityAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
            .withBean(RulesSubscriber.class, () -> subscriber)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("management.endpoint.health.probes.enabled=true", "management.health.readinessstate.enabled=true");

    @Test
    void readinessIsOutOfServiceUntilTheFirstRulesVersionAndTheIndicatorsAndMetersAreThere() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean("readinessStateHealthIndicator")).isInstanceOf(RulesReadinessStateHealthIndicator.class);
            assertThat(ctx).hasSingleBean(RulesMeterBinder.class).hasBean("unitizeRulesHealthIndicator").hasBean("unitizeNacosHealthIndicator");
            HealthIndicator readiness = ctx.getBean("readinessStateHealthIndicator", HealthIndicator.class);
            AvailabilityChangeEvent.publish(ctx, ReadinessState.ACCEPTING_TRAFFIC); // as Spring Boot does once the application is ready
            assertThat(readiness.health().getStatus()).as("started, but no rules yet").isEqualTo(Status.OUT_OF_SERVICE);
            subscriber.offer(Fixtures.twoUnits(1).build().toJson(), "push");
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void withoutARulesSubscriberNothingIsAddedAndSpringBootsReadinessStays() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeRulesObservabilityAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class))
                .withPropertyValues("management.endpoint.health.probes.enabled=true")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().doesNotHaveBean(RulesMeterBinder.class).doesNotHaveBean("unitizeRulesHealthIndicator");
                    assertThat(ctx.getBean("readinessStateHealthIndicator")).isNotInstanceOf(RulesReadinessStateHealthIndicator.class);
                });
    }
}
