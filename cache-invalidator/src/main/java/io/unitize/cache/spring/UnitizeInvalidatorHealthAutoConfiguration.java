package io.unitize.cache.spring;

import io.unitize.cache.canal.UnitInvalidator;
import io.unitize.cache.health.CanalHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Health {@code unitizeCanal} of the invalidator ({@link CanalHealthIndicator}): DOWN when Canal is
 * not connected or the invalidator has not caught up for more than 60 s.
 */
@AutoConfiguration(after = UnitizeInvalidatorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(UnitInvalidator.class)
public class UnitizeInvalidatorHealthAutoConfiguration {

    /** How long the invalidator may go without catching up with Canal before its health is DOWN. */
    static final Duration MAX_POSITION_AGE = Duration.ofSeconds(60);

    @Bean
    @ConditionalOnMissingBean(name = "unitizeCanalHealthIndicator")
    CanalHealthIndicator unitizeCanalHealthIndicator(UnitInvalidator invalidator) {
        return new CanalHealthIndicator(invalidator.unit(), invalidator.binlog(), MAX_POSITION_AGE, System::currentTimeMillis);
    }
}
