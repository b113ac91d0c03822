package io.unitize.mq.spring;

import io.unitize.core.rules.FileRulesSource;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replicator's peers are the rocketmq endpoints of units[] (src/test/resources/rules/directory.json:
 * this process runs in unit-b, its peer center has 127.0.0.1:19876); the deprecated
 * unitize.mq.replicator.peers map stops startup when it disagrees, naming both values.
 */
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

    // an agreeing peer (UNITIZE-RULE-063, accepted) is ReplicatorPeersTest's: in a context the replicator then
    // starts and waits on a broker this test has not got (17 s of connect timeouts)
}
