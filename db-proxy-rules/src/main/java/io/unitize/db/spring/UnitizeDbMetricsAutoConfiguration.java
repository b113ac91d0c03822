package io.unitize.db.spring;

import io.unitize.db.UnitWriteGuard;
import io.unitize.db.micrometer.GuardMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Binds the write guard's {@link io.unitize.db.GuardCounters} to Micrometer ({@link GuardMetrics}). */
@AutoConfiguration(after = UnitizeDbAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(UnitWriteGuard.class)
public class UnitizeDbMetricsAutoConfiguration {

    @Bean
    GuardMetrics unitizeDbGuardMetrics(UnitWriteGuard guard) {
        return new GuardMetrics(guard.unit(), guard.counters());
    }
}
