package io.unitize.db.spring;

import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The center is the CENTER of units[] in the process's rules (src/test/resources/rules/directory.json:
 * center is 'center', this process runs in unit-b), so the center datasource 'catalog' is replaced in
 * unit-b before it connects; the deprecated unitize.db.center-unit warns when it agrees and stops
 * startup when it does not.
 */
@ExtendWith(OutputCaptureExtension.class)
class CenterUnitFromDirectoryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeDbAutoConfiguration.class))
            .withBean(RulesSource.class, CenterUnitFromDirectoryTest::rules)
            .withBean("catalog", DataSource.class, MariaDbDataSource::new)
            .withPropertyValues("unitize.db.center-data-sources=catalog");

    static RulesSource rules() {
        try {
            Path file = Path.of(CenterUnitFromDirectoryTest.class.getResource("/rules/directory.json").toURI());
            return FileRulesSource.builder().file(file).unit("unit-b").agentKind("test").build().start();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unitsAloneNameTheCenter(CapturedOutput out) {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            DataSource catalog = ctx.getBean("catalog", DataSource.class);
            assertThat(catalog).isNotInstanceOf(MariaDbDataSource.class);
            assertThatThrownBy(catalog::getConnection).hasMessageContaining("UNITIZE-DB-020").hasMessageContaining("center");
        });
        assertThat(out.getOut()).doesNotContain("UNITIZE-RULE-063");
    }

    @Test
    void aDeprecatedCenterUnitThatAgreesWarns(CapturedOutput out) {
        runner.withPropertyValues("unitize.db.center-unit=center").run(ctx -> assertThat(ctx).hasNotFailed());
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.db.center-unit is deprecated and will be removed in the next "
                + "release: the rules document's units[] center (center) says the same. Next: remove the property");
    }

    @Test
    void aConflictingCenterUnitStopsStartupWithTheAnalyzersText() {
        runner.withPropertyValues("unitize.db.center-unit=unit-b").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.db.center-unit is 'unit-b' but the rules "
                    + "document's units[] center is 'center'");
            assertThat(a.getAction()).startsWith("Remove unitize.db.center-unit from this application's configuration");
        });
    }
}
