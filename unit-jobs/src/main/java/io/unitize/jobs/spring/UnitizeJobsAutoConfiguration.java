package io.unitize.jobs.spring;

import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.jobs.JobLease;
import io.unitize.jobs.JobRunEvents;
import io.unitize.jobs.JobsConfigException;
import io.unitize.jobs.UnitJobRunner;
import io.unitize.jobs.jdbc.JdbcJobLease;
import io.unitize.jobs.jdbc.JdbcTimeoutStore;
import io.unitize.jobs.timeout.TimeoutCallback;
import io.unitize.jobs.timeout.TimeoutCallbacks;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutEvents;
import io.unitize.jobs.timeout.TimeoutFirer;
import io.unitize.jobs.timeout.TimeoutStore;
import io.unitize.jobs.timeout.TimeoutStoreUnavailableException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;

/**
 * Jobs and the timeout center of this unit, when {@code unitize.unit} is set and the application has
 * the rules ({@link RulesSource}, from unit-core's starter) and a {@link DataSource} onto its unit's
 * database: {@code @UnitJob} methods run through the {@link UnitJobRunner}; every {@link TimeoutCallback}
 * bean is a callback named by its bean name; the {@link TimeoutCenter} registers tasks and the
 * {@link TimeoutFirer} fires them.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "unitize", name = "unit")
@ConditionalOnProperty(prefix = "unitize.jobs", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean({RulesSource.class, DataSource.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties(UnitizeJobsProperties.class)
public class UnitizeJobsAutoConfiguration {

    static String holder(UnitizeJobsProperties p) {
        if (p.getHolder() != null && !p.getHolder().isBlank()) {
            return p.getHolder();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String h = host + ":" + ProcessHandle.current().pid();
        return h.length() > 128 ? h.substring(h.length() - 128) : h;
    }

    private static String unit(Environment env) {
        return env.getProperty("unitize.unit");
    }

    @Bean
    @ConditionalOnMissingBean(JobLease.class)
    JdbcJobLease unitizeJobLease(DataSource dataSource, UnitizeJobsProperties p) {
        JdbcJobLease lease = new JdbcJobLease(dataSource);
        return p.isCreateTables() ? lease.createTable() : lease;
    }

    @Bean
    @ConditionalOnMissingBean
    UnitJobRunner unitizeJobRunner(Environment env, RulesSource rules, JobLease lease, UnitizeJobsProperties p,
                                   ObjectProvider<JobRunEvents> events) {
        return new UnitJobRunner(unit(env), holder(p), rules::snapshot, lease, events.getIfUnique(() -> JobRunEvents.NONE));
    }

    @Bean
    static UnitJobPostProcessor unitizeJobPostProcessor(ObjectProvider<UnitJobRunner> runner) {
        return new UnitJobPostProcessor(new UnitJobInterceptor(runner, Clock.systemUTC()));
    }

    @Configuration(proxyBeanMethods = false)
    static class Timeouts {

        @Bean
        @ConditionalOnMissingBean(TimeoutStore.class)
        JdbcTimeoutStore unitizeTimeoutStore(DataSource dataSource, UnitizeJobsProperties p) {
            JdbcTimeoutStore store = new JdbcTimeoutStore(dataSource);
            if (p.isCreateTables()) {
                try {
                    store.createTable();
                } catch (TimeoutStoreUnavailableException e) {
                    throw new JobsConfigException("the timeout center's table " + JdbcTimeoutStore.TABLE + " cannot be created: "
                            + e.getMessage() + " (unitize.jobs.create-tables=true)");
                }
            }
            return store;
        }

        @Bean
        @ConditionalOnMissingBean
        TimeoutCallbacks unitizeTimeoutCallbacks(Map<String, TimeoutCallback> callbacks) {
            return TimeoutCallbacks.of(callbacks);
        }

        @Bean
        @ConditionalOnMissingBean
        TimeoutCenter unitizeTimeoutCenter(Environment env, RulesSource rules, TimeoutStore store, TimeoutCallbacks callbacks,
                                           ObjectProvider<TimeoutEvents> events) {
            return new TimeoutCenter(unit(env), rules::snapshot, store, callbacks, events.getIfUnique(() -> TimeoutEvents.NONE));
        }

        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "unitize.jobs.timeout", name = "enabled", havingValue = "true", matchIfMissing = true)
        TimeoutFirer unitizeTimeoutFirer(Environment env, RulesSource rules, TimeoutStore store, TimeoutCallbacks callbacks,
                                         UnitizeJobsProperties p, ObjectProvider<TimeoutEvents> events) {
            UnitizeJobsProperties.Timeout t = p.getTimeout();
            return new TimeoutFirer(unit(env), holder(p), rules::snapshot, store, callbacks,
                    new TimeoutFirer.Settings(t.getPollEvery(), t.getBatch(), t.getThreads(), t.getClaimFor(), t.getMaxBackoff()),
                    events.getIfUnique(() -> TimeoutEvents.NONE), Clock.systemUTC());
        }
    }

    /**
     * The meters ({@link io.unitize.jobs.micrometer.JobsMetrics}) when Micrometer is on the classpath: on the application's
     * {@code MeterRegistry}, or Micrometer's global registry without one.
     */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        io.unitize.jobs.micrometer.JobsMetrics unitizeJobsMetrics(Environment env,
                                                                  ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            return new io.unitize.jobs.micrometer.JobsMetrics(registry.getIfUnique(() -> io.micrometer.core.instrument.Metrics.globalRegistry),
                    unit(env));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type =
            org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    @ConditionalOnProperty(prefix = "unitize.jobs.timeout", name = "http-enabled", havingValue = "true")
    static class TimeoutsHttp {

        @Bean
        @ConditionalOnMissingBean
        TimeoutTasksController unitizeTimeoutTasksController(TimeoutCenter center) {
            return new TimeoutTasksController(center);
        }
    }
}
