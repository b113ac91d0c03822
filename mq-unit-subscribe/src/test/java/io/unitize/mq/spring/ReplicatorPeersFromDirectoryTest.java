package io.unitize.mq.spring;

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

/**
 * The replicator's peers are the rocketmq endpoints of units[] (src/test/resources/rules/directory.json:
 * this process runs in unit-b, its peer center has 127.0.0.1:19876); the deprecated
 * unitize.mq.replicator.peers map stops startup when it disagrees, naming both values.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicatorPeersFromDirectoryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class))
            .withBean(RulesSource.class, ReplicatorPeersFromDirectoryTest::rules)
            .withPropertyValues("unitize.unit=unit-b", "unitize.mq.enabled=true", "unitize.mq.replicator.enabled=true",
                    "unitize.mq.replicator.topics=orders");

    static RulesSource rules() {
        try {
            Path file = Path.of(ReplicatorPeersFromDirectoryTest.class.getResource("/rules/directory.json").toURI());
            return FileRulesSource.builder().file(file).unit("unit-b").agentKind("test").build().start();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aConflictingPeerStopsStartupNamingBothValues() {
        runner.withPropertyValues("unitize.mq.replicator.peers.center=127.0.0.1:1").run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.mq.replicator.peers.center is '127.0.0.1:1' but the "
                    + "rules document's units[] rocketmq endpoint of unit center is '127.0.0.1:19876'");
            assertThat(a.getAction()).startsWith("Remove unitize.mq.replicator.peers.center from this application's configuration");
        });
    }

    @Test
    void aPeerThatAgreesWarnsAndIsAccepted(CapturedOutput out) {
        // accepted: startup goes on to start the replicator, which needs this unit's broker (none here; the wiring on
        // brokers is in ReplicatorFollowsUnitDirectoryIT), so the context fails on the connection, not on the property
        runner.withPropertyValues("unitize.mq.replicator.peers.center=127.0.0.1:19876").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("RemotingConnectException")
                    .hasStackTraceContaining("127.0.0.1:29876");
            assertThat(ctx.getStartupFailure()).satisfies(f -> assertThat(f.toString()).doesNotContain("UNITIZE-RULE-062"));
        });
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.mq.replicator.peers.center is deprecated and will be removed in the "
                + "next release: the rules document's units[] rocketmq endpoint of unit center (127.0.0.1:19876) says the same");
    }
}
