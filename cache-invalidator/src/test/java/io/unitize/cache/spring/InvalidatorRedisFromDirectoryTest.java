package io.unitize.cache.spring;

import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import io.unitize.core.rules.RulesSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invalidator's Redis of each unit is its redis.order-cache endpoint in units[]
 * (src/test/resources/rules/directory.json); a deprecated unitize.cache.invalidator.redis.<unit> that
 * disagrees stops startup naming both values, before anything connects.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidatorRedisFromDirectoryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeInvalidatorAutoConfiguration.class))
            .withBean(RulesSource.class, RedisCenterFromDirectoryTest::rules)
            .withPropertyValues("unitize.unit=unit-b", "unitize.cache.invalidator.enabled=true",
                    "unitize.cache.invalidator.cluster=order-cache");

    @Test
    void aConflictingUnitRedisStopsStartupNamingBothValues() {
        runner.withPropertyValues("unitize.cache.invalidator.redis.center=redis://127.0.0.1:1").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.cache.invalidator.redis.center is 'redis://127.0.0.1:1' "
                    + "but the rules document's units[] endpoint redis.order-cache of unit center is 'redis://127.0.0.1:16379'");
        });
    }

    /** No canal-address is given, so startup stops on it right after the Redis map was resolved: nothing connects. */
    @Test
    void anAgreeingUnitRedisWarnsAndIsAccepted(CapturedOutput out) {
        runner.withPropertyValues("unitize.cache.invalidator.redis.center=redis://127.0.0.1:16379").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("canal-address must be host:port");
        });
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.cache.invalidator.redis.center is deprecated and will be removed "
                + "in the next release: the rules document's units[] endpoint redis.order-cache of unit center (redis://127.0.0.1:16379) says the same");
    }

    /** units[] gives no unit a redis.other endpoint: the map is used, with the invalidator's own code UNITIZE-CACHE-025 (not RULE-063). */
    @Test
    void aMapForAClusterUnitsDoNotHaveIsUsed(CapturedOutput out) {
        runner.withPropertyValues("unitize.cache.invalidator.cluster=other", "unitize.cache.invalidator.redis.center=redis://127.0.0.1:1",
                "unitize.cache.invalidator.redis.unit-b=redis://127.0.0.1:2").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("canal-address must be host:port");
        });
        assertThat(out.getOut()).contains("UNITIZE-CACHE-025 unitize.cache.invalidator.redis is deprecated (removed in the next release) "
                + "and used because units[] of rules version 43 gives no unit a redis.other endpoint");
    }
}
