package io.unitize.mq.spring;

import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import io.unitize.mq.MqConfigException;
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

/**
 * This unit's name server comes from units[] of the process's rules (src/test/resources/rules/directory.json:
 * unit-b's rocketmq endpoint is 127.0.0.1:29876); the deprecated unitize.mq.name-server warns when it
 * agrees and stops startup when it does not. No group is declared, so nothing connects.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalNameServerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class))
            .withBean(RulesSource.class, LocalNameServerTest::rules)
            .withPropertyValues("unitize.unit=unit-b");

    static RulesSource rules() {
        try {
            Path file = Path.of(LocalNameServerTest.class.getResource("/rules/directory.json").toURI());
            return FileRulesSource.builder().file(file).unit("unit-b").agentKind("test").build().start();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unitsAloneGiveTheNameServer(CapturedOutput out) {
        runner.withPropertyValues("unitize.mq.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(LocalNameServer.class).address()).isEqualTo("127.0.0.1:29876");
        });
        assertThat(out.getOut()).doesNotContain("UNITIZE-RULE-063");
    }

    @Test
    void aDeprecatedNameServerThatAgreesWarns(CapturedOutput out) {
        runner.withPropertyValues("unitize.mq.name-server=127.0.0.1:29876").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(LocalNameServer.class).address()).isEqualTo("127.0.0.1:29876");
        });
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.mq.name-server is deprecated and will be removed in the next "
                + "release: the rules document's units[] rocketmq endpoint of unit unit-b (127.0.0.1:29876) says the same");
    }

    @Test
    void aConflictingNameServerStopsStartupWithTheAnalyzersText() {
        runner.withPropertyValues("unitize.mq.enabled=true", "unitize.mq.name-server=10.0.0.1:9876").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.mq.name-server is '10.0.0.1:9876' but the rules "
                    + "document's units[] rocketmq endpoint of unit unit-b is '127.0.0.1:29876'");
            assertThat(a.getAction()).startsWith("Remove unitize.mq.name-server from this application's configuration");
        });
    }

    @Test
    void withoutRulesOrPropertyStartupStopsNamingTheEndpoint() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class))
                .withPropertyValues("unitize.unit=unit-b", "unitize.mq.enabled=true").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(MqConfigException.class);
                    FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
                    assertThat(a.getDescription()).startsWith("UNITIZE-MQ-001 unit unit-b has no RocketMQ name server: give it a "
                            + "\"rocketmq\" endpoint");
                });
    }
}
