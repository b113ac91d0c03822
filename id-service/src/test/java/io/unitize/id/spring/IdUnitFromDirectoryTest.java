package io.unitize.id.spring;

import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import io.unitize.id.LocalIdService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import javax.sql.DataSource;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ID starter takes its unit from {@code unitize.unit} and the unit's index from units[] of the
 * process's rules (src/test/resources/rules/directory.json: center index 0, unit-b index 1); the
 * deprecated {@code unitize.id.unit} / {@code unitize.id.unit-index} warn when they agree and stop
 * startup when they do not. The application's own LocalIdService bean keeps the database out.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdUnitFromDirectoryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IdServiceAutoConfiguration.class))
            .withBean(DataSource.class, MariaDbDataSource::new)
            .withBean(LocalIdService.class, () -> new LocalIdService("unit-b"))
            .withBean(RulesSource.class, IdUnitFromDirectoryTest::rules)
            .withPropertyValues("unitize.unit=unit-b", "unitize.id.tags=order");

    static RulesSource rules() {
        try {
            Path file = Path.of(IdUnitFromDirectoryTest.class.getResource("/rules/directory.json").toURI());
            return FileRulesSource.builder().file(file).unit("unit-b").agentKind("test").build().start();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unitsAloneGiveTheUnitAndItsIndex(CapturedOutput out) {
        runner.withPropertyValues("unitize.id.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(IdUnit.class)).isEqualTo(new IdUnit("unit-b", 1));
        });
        assertThat(out.getOut()).doesNotContain("UNITIZE-RULE-063");
    }

    @Test
    void deprecatedPropertiesThatAgreeWarnOnceEach(CapturedOutput out) {
        runner.withPropertyValues("unitize.id.unit=unit-b", "unitize.id.unit-index=1").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(IdUnit.class)).isEqualTo(new IdUnit("unit-b", 1));
        });
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.id.unit is deprecated and will be removed in the next "
                        + "release: unitize.unit (unit-b) says the same. Next: remove the property")
                .contains("UNITIZE-RULE-063 unitize.id.unit-index is deprecated and will be removed in the next release: "
                        + "the rules document's units[] index of unit unit-b (1) says the same. Next: remove the property");
    }

    @Test
    void aConflictingUnitIndexStopsStartupWithTheAnalyzersText() {
        runner.withPropertyValues("unitize.id.enabled=true", "unitize.id.unit-index=3").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.id.unit-index is '3' but the rules document's "
                    + "units[] index of unit unit-b is '1'");
            assertThat(a.getAction()).startsWith("Remove unitize.id.unit-index from this application's configuration");
        });
    }

    @Test
    void aConflictingUnitStopsStartupWithTheAnalyzersText() {
        runner.withPropertyValues("unitize.id.unit=center").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).isEqualTo("UNITIZE-RULE-062 unitize.id.unit is 'center' but unitize.unit is 'unit-b': "
                    + "a process runs in one unit, named once. Next: remove unitize.id.unit (deprecated)");
            assertThat(a.getAction()).startsWith("Remove unitize.id.unit from this application's configuration");
        });
    }

    @Test
    void enabledWithoutUnitizeUnitStopsStartupNamingIt() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IdServiceAutoConfiguration.class))
                .withBean(DataSource.class, MariaDbDataSource::new)
                .withPropertyValues("unitize.id.enabled=true", "unitize.id.tags=order").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    FailureAnalysis a = new IdConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
                    assertThat(a.getDescription()).startsWith("UNITIZE-ID-045 unitize.id.enabled=true but unitize.unit is not set");
                });
    }
}
