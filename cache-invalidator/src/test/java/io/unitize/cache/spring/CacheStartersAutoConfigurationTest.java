package io.unitize.cache.spring;

import io.unitize.cache.InvalidatorConfigException;
import io.unitize.cache.canal.UnitInvalidator;
import io.unitize.cache.redis.RedisSourceConfigException;
import io.unitize.cache.redis.RedisSources;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis-sources and invalidator starters without servers: when they stay out and how a missing
 * property stops startup (their wiring on real servers: RedisSourcesIT, InvalidatorAutoConfigurationIT).
 */
class CacheStartersAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRedisAutoConfiguration.class, UnitizeInvalidatorAutoConfiguration.class));

    @Test
    void withoutUnitAndEnabledFlagNeitherStarterAddsBeans() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(RedisSources.class).doesNotHaveBean(UnitInvalidator.class));
    }

    @Test
    void anEnabledInvalidatorWithoutUnitStopsStartupNamingTheProperty() {
        runner.withPropertyValues("unitize.cache.invalidator.enabled=true").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(InvalidatorConfigException.class);
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).isEqualTo("UNITIZE-CACHE-001 unitize.unit is required: the invalidator reads that unit's database");
            assertThat(a.getAction()).contains("unitize.invalidator.*");
        });
    }

    @Test
    void aRedisSourceWithoutModeStopsStartupNamingIt() {
        runner.withPropertyValues("unitize.unit=unit-b", "unitize.redis.sources.cart.cluster-name=cart").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(RedisSourceConfigException.class);
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).isEqualTo("UNITIZE-CACHE-020 unitize.redis.sources.cart.mode is required (unit or center)");
            assertThat(a.getAction()).contains("unitize.redis.*");
        });
    }

    @Test
    void centerSourcesOutsideTheCenterNeedNoDirectory() {
        runner.withPropertyValues("unitize.unit=unit-b",
                "unitize.redis.sources.stock.mode=center", "unitize.redis.sources.stock.cluster-name=stock").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(RedisSources.class);
            assertThat(ctx).hasBean("stockRedisSource");
        });
    }
}
