package io.unitize.id.spring;


import io.unitize.id.LocalIdService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ID starter without a database: when it stays out and how a missing property stops startup
 * before anything connects (the service on MariaDB: IdServiceAutoConfigurationIT).
 */
class IdServiceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IdServiceAutoConfiguration.class));

    private ApplicationContextRunner withDataSource() {
        return runner.withBean(DataSource.class, MariaDbDataSource::new);
    }

    @Test
    void withoutADataSourceThereIsNoIdService() {
        runner.withPropertyValues("unitize.id.unit=unit-b", "unitize.id.unit-index=1", "unitize.id.tags=order")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LocalIdService.class));
    }

    @Test
    void aMissingUnitIndexStopsStartupNamingUnitsAndTheDeprecatedPropertyAndItsRange() {
        withDataSource().withPropertyValues("unitize.id.unit=unit-b", "unitize.id.tags=order").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(IdConfigException.class);
            FailureAnalysis a = new IdConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-ID-040 unit unit-b has no index").contains("units[]").contains("unitize.id.unit-index").contains("0..15");
            assertThat(a.getAction()).contains("unitize.id.*").contains("never changes");
        });
    }

    @Test
    void noTagsStopsStartupNamingTheProperty() {
        withDataSource().withPropertyValues("unitize.id.unit=unit-b", "unitize.id.unit-index=1").run(ctx -> {
            FailureAnalysis a = new IdConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a).isNotNull();
            assertThat(a.getDescription()).startsWith("UNITIZE-ID-041 unitize.id.tags is empty");
        });
    }
}
