package io.unitize.jobs.spring;

import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.jobs.JobContext;
import io.unitize.jobs.JobLease;
import io.unitize.jobs.JobMode;
import io.unitize.jobs.JobsConfigException;
import io.unitize.jobs.Rules;
import io.unitize.jobs.UnitJob;
import io.unitize.jobs.UnitJobRunner;
import io.unitize.jobs.timeout.TimeoutCallback;
import io.unitize.jobs.timeout.TimeoutCallbacks;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutFirer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class UnitizeJobsAutoConfigurationTest {

    @TempDir
    Path dir;

    /** A lease that grants every fire once (the JDBC lease is tested on the sandbox). */
    static final class GrantingLease implements JobLease {
        final AtomicLong fencing = new AtomicLong();
        final List<Instant> fires = new ArrayList<>();

        @Override
        public synchronized Optional<Held> tryAcquire(String unit, String job, Instant fireTime, String holder, Duration leaseFor) {
            if (fires.contains(fireTime)) {
                return Optional.empty();
            }
            fires.add(fireTime);
            long token = fencing.incrementAndGet();
            return Optional.of(new Held() {
                @Override
                public long fencingToken() {
                    return token;
                }

                @Override
                public void close() {
                }
            });
        }
    }

    static class Stats {
        private final List<JobContext> runs = new ArrayList<>();

        public List<JobContext> runs() { // through the proxy to the target's list
            return runs;
        }

        @UnitJob(name = "buyer-stats", mode = JobMode.UNIT, fireWindow = "PT1H")
        public void buyerStats() {
            runs.add(JobContext.current().orElseThrow());
        }

        @UnitJob(mode = JobMode.CENTER)
        public void centerOnly() {
            runs.add(JobContext.current().orElseThrow());
        }
    }

    static class Ticker {
        @UnitJob(name = "ticker", mode = JobMode.ALL, fireWindow = "PT0.001S")
        @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 20)
        public void tick() {
            JobContext.current().orElseThrow();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.scheduling.annotation.EnableScheduling
    static class Scheduling {
        @Bean
        Ticker ticker() {
            return new Ticker();
        }
    }

    static class BadJob {
        @UnitJob(mode = JobMode.ALL)
        public int returnsSomething() {
            return 1;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class App {
        @Bean
        GrantingLease lease() {
            return new GrantingLease();
        }

        @Bean
        Stats stats() {
            return new Stats();
        }

        @Bean
        TimeoutCallback cancelUnpaidOrder() {
            return fired -> { };
        }

        @Bean
        DataSource dataSource() { // never connected to: create-tables=false and the firer is off
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, a) -> {
                throw new UnsupportedOperationException(m.getName());
            });
        }
    }

    private ApplicationContextRunner runner() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, Rules.split(1).rules().toJson());
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeJobsAutoConfiguration.class))
                .withBean(RulesSource.class, () -> FileRulesSource.builder().file(rules).unit("unit-b").agentKind("test").build().start())
                .withUserConfiguration(App.class)
                .withPropertyValues("unitize.unit=unit-b", "unitize.jobs.create-tables=false", "unitize.jobs.timeout.enabled=false");
    }

    @Test
    void wiresTheRunnerTheTimeoutCenterAndRunsUnitJobMethodsThroughTheRunner() throws Exception {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(UnitJobRunner.class).hasSingleBean(TimeoutCenter.class)
                    .doesNotHaveBean(TimeoutFirer.class).doesNotHaveBean(TimeoutTasksController.class);
            assertThat(ctx.getBean(TimeoutCallbacks.class).names()).containsExactly("cancelUnpaidOrder");
            Stats stats = ctx.getBean(Stats.class);
            stats.buyerStats();
            stats.buyerStats(); // the same fire window: run once
            stats.centerOnly(); // unit-b is not the center
            assertThat(stats.runs()).singleElement().satisfies(c -> {
                assertThat(c.job()).isEqualTo("buyer-stats");
                assertThat(c.unit()).isEqualTo("unit-b");
                assertThat(c.ranges()).extracting(Object::toString).containsExactly("5000-9999");
            });
            UnitJobRunner runner = ctx.getBean(UnitJobRunner.class);
            assertThat(runner.count("Stats.centerOnly", io.unitize.jobs.JobRunOutcome.SKIPPED_NOT_CENTER)).isEqualTo(1);
            assertThat(runner.count("buyer-stats", io.unitize.jobs.JobRunOutcome.SKIPPED_LEASE_HELD)).isEqualTo(1);
        });
    }

    @Test
    void withAMeterRegistryTheRunnerAndTheCenterCountIntoIt() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        runner().withBean(io.micrometer.core.instrument.MeterRegistry.class, () -> registry).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(io.unitize.jobs.micrometer.JobsMetrics.class);
            ctx.getBean(Stats.class).centerOnly(); // unit-b is not the center
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.getBean(TimeoutCenter.class).register(
                    new io.unitize.jobs.timeout.TimeoutTask(42, "k", "cancelUnpaidOrder", Instant.now(), ""))) // homed in the center
                    .isInstanceOf(io.unitize.core.UnitMisrouteException.class);
            assertThat(registry.get(io.unitize.jobs.micrometer.JobsMetrics.JOB_RUNS)
                    .tags("unit", "unit-b", "job", "Stats.centerOnly", "outcome", "skipped_not_center").counter().count()).isEqualTo(1);
            assertThat(registry.get(io.unitize.jobs.micrometer.JobsMetrics.TIMEOUTS_REFUSED)
                    .tags("unit", "unit-b", "reason", "misrouted").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void springsSchedulerCallsTheMethodThroughTheRunner() throws Exception {
        runner().withUserConfiguration(Scheduling.class).run(ctx -> {
            UnitJobRunner runner = ctx.getBean(UnitJobRunner.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runner.count("ticker", io.unitize.jobs.JobRunOutcome.RAN) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runner.count("ticker", io.unitize.jobs.JobRunOutcome.RAN)).isGreaterThanOrEqualTo(3);
            assertThat(runner.count("ticker", io.unitize.jobs.JobRunOutcome.FAILED)).as("JobContext.current() was set").isZero();
        });
    }

    @Test
    void aUnitJobMethodThatReturnsAValueFailsStartupNamingIt() throws Exception {
        runner().withBean(BadJob.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(JobsConfigException.class)
                    .hasMessageContaining("@UnitJob method BadJob.returnsSomething must return void and take no argument");
        });
    }

    @Test
    void withoutUnitOrWhenDisabledNothingIsWired() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UnitizeJobsAutoConfiguration.class))
                .withUserConfiguration(App.class).run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitJobRunner.class));
        runner().withPropertyValues("unitize.jobs.enabled=false").run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(UnitJobRunner.class).doesNotHaveBean(TimeoutCenter.class));
    }

    @Test
    void badTimeoutSettingsFailStartupNamingTheProperty() throws Exception {
        runner().withPropertyValues("unitize.jobs.timeout.enabled=true", "unitize.jobs.timeout.batch=0").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(JobsConfigException.class)
                    .hasMessageContaining("unitize.jobs.timeout.batch must be in 1..10000, but was 0");
        });
    }
}
