package io.unitize.id.spring;

import io.unitize.id.LocalIdService;
import io.unitize.id.WorkerLease;
import io.unitize.id.health.WorkerLeaseHealthIndicator;
import io.unitize.id.micrometer.IdMetrics;
import io.unitize.id.micrometer.WorkerLeaseMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters of the ID service ({@link IdMetrics}) and, where the application holds a snowflake
 * {@link WorkerLease} bean, its meters ({@link WorkerLeaseMetrics}) and health
 * ({@code unitizeWorkerLease}).
 */
@AutoConfiguration(after = IdServiceAutoConfiguration.class)
public class IdServiceObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        @Bean
        @ConditionalOnBean(LocalIdService.class)
        IdMetrics unitizeIdMetrics(LocalIdService service) {
            return new IdMetrics(service);
        }

        @Bean
        @ConditionalOnBean(WorkerLease.class)
        WorkerLeaseMetrics unitizeWorkerLeaseMetrics(WorkerLease lease, ObjectProvider<IdUnit> idUnit,
                                                     org.springframework.core.env.Environment env) {
            IdUnit u = idUnit.getIfAvailable();
            return new WorkerLeaseMetrics(u != null ? u.code() : env.getProperty("unitize.unit", ""), lease);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnBean(WorkerLease.class)
    static class Health {
        @Bean
        WorkerLeaseHealthIndicator unitizeWorkerLeaseHealthIndicator(WorkerLease lease) {
            return new WorkerLeaseHealthIndicator(lease);
        }
    }
}
