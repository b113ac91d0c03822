package io.unitize.cache.spring;

import io.unitize.cache.redis.CenterRedisUnavailableException;
import io.unitize.cache.redis.RedisSources;
import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The center of the Redis sources is the CENTER of units[] in the process's rules
 * (src/test/resources/rules/directory.json: 'center'; this process runs in unit-b), so the CENTER
 * source 'catalog' is not created here and nothing connects; the deprecated unitize.redis.center-unit
 * warns when it agrees and stops startup when it does not.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisCenterFromDirectoryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRedisAutoConfiguration.class))
            .withBean(RulesSource.class, RedisCenterFromDirectoryTest::rules)
            .withPropertyValues("unitize.unit=unit-b", "unitize.redis.sources.catalog.mode=center");

    static RulesSource rules() {
        try {
            Path file = Path.of(RedisCenterFromDirectoryTest.class.getResource("/rules/directory.json").toURI());
            return FileRulesSource.builder().file(file).unit("unit-b").agentKind("test").build().start();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unitsAloneNameTheCenter(CapturedOutput out) {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThatThrownBy(() -> ctx.getBean(RedisSources.class).get("catalog").sync())
                    .isInstanceOf(CenterRedisUnavailableException.class).hasMessageContaining("only in the center unit center");
        });
        assertThat(out.getOut()).doesNotContain("UNITIZE-RULE-063");
    }

    @Test
    void aDeprecatedCenterUnitThatAgreesWarns(CapturedOutput out) {
        runner.withPropertyValues("unitize.redis.center-unit=center").run(ctx -> assertThat(ctx).hasNotFailed());
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.redis.center-unit is deprecated and will be removed in the next "
                + "release: the rules document's units[] center (center) says the same. Next: remove the property");
    }

    @Test
    void aConflictingCenterUnitStopsStartupWithTheAnalyzersText() {
        runner.withPropertyValues("unitize.redis.center-unit=unit-b").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.redis.center-unit is 'unit-b' but the rules "
                    + "document's units[] center is 'center'");
            assertThat(a.getAction()).startsWith("Remove unitize.redis.center-unit from this application's configuration");
        });
    }
}
