package io.unitize.db.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import io.unitize.db.UnitWriteGuard;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DB guard starter without a database: which guard it builds from which properties and how a
 * bad table declaration stops startup (the guard on MariaDB: UnitizeDbAutoConfigurationIT). The
 * rules subscriber is built, not started: nothing here reads rules.
 */
class UnitizeDbAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeDbAutoConfiguration.class));

    private ApplicationContextRunner withRules() {
        return runner.withBean(RulesSubscriber.class, () -> RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b")
                .agentKind("db-guard").build());
    }

    @Test
    void withoutTheRulesSubscriberOrWhenDisabledThereIsNoGuard() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitWriteGuard.class));
        withRules().withPropertyValues("unitize.db.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitWriteGuard.class));
    }

    @Test
    void declaredTablesMakeTheGuardOfThisUnit() {
        withRules().withPropertyValues("unitize.db.tables.orders.kind=UNIT", "unitize.db.tables.orders.buyer-column=buyer_id",
                "unitize.db.tables.product.kind=CENTER_UNIT").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(UnitWriteGuard.class);
            assertThat(ctx.getBean(UnitWriteGuard.class).unit()).isEqualTo("unit-b");
        });
    }

    @Test
    void aUnitTableWithoutBuyerColumnStopsStartupNamingTheProperty() {
        withRules().withPropertyValues("unitize.db.tables.orders.kind=UNIT").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a).as(String.valueOf(ctx.getStartupFailure())).isNotNull();
            assertThat(a.getDescription()).isEqualTo("UNITIZE-DB-001 unitize.db.tables.orders: unit table orders needs its buyer "
                    + "column (e.g. buyer_id)");
            assertThat(a.getAction()).contains("buyer column");
        });
    }
}
