package io.unitize.mq.spring;

import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.rocketmq.UnitProducer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The MQ starter without a broker: when it stays out, and how a missing property stops startup (the wiring on brokers: UnitizeMqAutoConfigurationIT). */
class UnitizeMqAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class));

    @Test
    void withoutANameServerTheStarterStaysOut() {
        runner.withPropertyValues("unitize.unit=unit-b").run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(UnitConsumers.class).doesNotHaveBean(UnitProducer.class));
    }

    @Test
    void aNameServerWithoutUnitizeUnitStopsStartupNamingIt() {
        runner.withPropertyValues("unitize.mq.name-server=127.0.0.1:1").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(MqConfigException.class)
                    .hasMessage("UNITIZE-MQ-001 unitize.unit is required with unitize.mq.enabled (or unitize.mq.name-server)");
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).isEqualTo("UNITIZE-MQ-001 unitize.unit is required with unitize.mq.enabled (or unitize.mq.name-server)");
            assertThat(a.getAction()).contains("unitize.mq.*").contains("README");
        });
    }

    @Test
    void aConsumerGroupWithoutTopicsStopsStartupNamingTheGroup() {
        runner.withPropertyValues("unitize.unit=unit-b", "unitize.mq.name-server=127.0.0.1:1",
                "unitize.mq.consumers.orders.mode=normal", "unitize.mq.consumers.orders.listener=nobody").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a).isNotNull();
            assertThat(a.getDescription()).startsWith("UNITIZE-MQ-001 unitize.mq.consumers.orders");
        });
    }
}
