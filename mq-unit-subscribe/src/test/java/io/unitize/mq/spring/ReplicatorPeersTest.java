package io.unitize.mq.spring;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitFactConflictException;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.mq.MqConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ReplicatorPeersTest {

    private static UnitDirectory.Local fromB(String centerNamesrv, String bNamesrv, String cNamesrv) {
        UnitRules.Builder b = UnitRules.builder().version(3).author("t")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, 0, centerNamesrv == null ? Map.of() : Map.of("rocketmq", centerNamesrv)))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, 1, bNamesrv == null ? Map.of() : Map.of("rocketmq", bNamesrv)))
                .unit(UnitDefinition.of("unit-c", UnitRole.UNIT, 2, cNamesrv == null ? Map.of() : Map.of("rocketmq", cNamesrv)))
                .route(0, 9999, "center");
        return b.build().compile().directory().seenFrom("unit-b");
    }

    @Test
    void thePeersAreTheOtherUnitsAtTheirRocketmqEndpoints() {
        assertThat(ReplicatorPeers.resolve(Map.of(), fromB("c:1", "b:1", "x:1")))
                .containsExactly(Map.entry("center", "c:1"), Map.entry("unit-c", "x:1"));
    }

    @Test
    void aDeprecatedPeerThatDisagreesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ReplicatorPeers.resolve(Map.of("center", "old:1"), fromB("c:1", "b:1", "x:1")))
                .isInstanceOf(UnitFactConflictException.class)
                .hasMessageStartingWith("UNITIZE-RULE-062 unitize.mq.replicator.peers.center is 'old:1' but the rules document's "
                        + "units[] rocketmq endpoint of unit center is 'c:1'");
    }

    @Test
    void aDeprecatedPeerThatAgreesIsAcceptedWithAWarning(CapturedOutput out) {
        assertThat(ReplicatorPeers.resolve(Map.of("center", "c:1"), fromB("c:1", "b:1", "x:1")))
                .containsExactly(Map.entry("center", "c:1"), Map.entry("unit-c", "x:1"));
        assertThat(out.getOut()).contains("UNITIZE-RULE-063 unitize.mq.replicator.peers.center is deprecated");
    }

    @Test
    void thePeersMapServesOnlyWhereUnitsGiveNoPeerAnEndpointAndHalfAnswersAreRefused() {
        assertThat(ReplicatorPeers.resolve(Map.of("center", "c:1"), fromB(null, null, null))).containsExactly(Map.entry("center", "c:1"));
        assertThat(ReplicatorPeers.resolve(Map.of("center", "c:1"), null)).containsExactly(Map.entry("center", "c:1"));
        assertThatThrownBy(() -> ReplicatorPeers.resolve(Map.of(), fromB("c:1", "b:1", null)))
                .isInstanceOf(MqConfigException.class).hasMessageContaining("gives a rocketmq endpoint to peers [center] only");
    }
}
