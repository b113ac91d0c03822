package io.unitize.core.spring;

import io.unitize.core.health.NacosHealthIndicator;
import io.unitize.core.health.RulesReadinessStateHealthIndicator;
import io.unitize.core.health.RulesHealthIndicator;
import io.unitize.core.micrometer.RulesMeterBinder;
import io.unitize.core.nacos.RulesSubscriber;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters ({@link RulesMeterBinder}) and health ({@code unitizeRules}, {@code unitizeNacos}) of the
 * application's {@link RulesSubscriber}, each only when Micrometer / the actuator is on the classpath.
 * With the actuator, the application's {@code readinessState} health (the readiness probe) is
 * {@link RulesReadinessStateHealthIndicator}: OUT_OF_SERVICE until the first rules version is applied.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class, beforeName = {
        "org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration"})
@ConditionalOnBean(RulesSubscriber.class)
public class UnitizeRulesObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        RulesMeterBinder unitizeRulesMetrics(RulesSubscriber subscriber) {
            return new RulesMeterBinder(subscriber);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "unitizeRulesHealthIndicator")
        RulesHealthIndicator unitizeRulesHealthIndicator(RulesSubscriber subscriber) {
            return new RulesHealthIndicator(subscriber);
        }

        @Bean
        @ConditionalOnMissingBean(name = "unitizeNacosHealthIndicator")
        NacosHealthIndicator unitizeNacosHealthIndicator(RulesSubscriber subscriber) {
            return new NacosHealthIndicator(subscriber);
        }

        @Bean
        @ConditionalOnMissingBean(name = "readinessStateHealthIndicator")
        RulesReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability, RulesSubscriber subscriber) {
            return new RulesReadinessStateHealthIndicator(availability, subscriber);
        }
    }
}
