package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control center killed (halted like kill -9, by a failpoint, right after a step's state is
 * saved) after each step in turn, then started again on the same database: every cutover ends
 * consistent — finished, the same version in every unit's Nacos and in the store, no freeze left.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class ControlCenterRestartIT {

    private static final long BUYER = 2_500;

    @Test
    void killedAfterEachStepThenRestartedEveryCutoverCompletesConsistently(UnitSandbox sandbox) throws Exception {
        // the freeze must outlast a restart on a busy machine (past freeze-timeout a resumed cutover rolls back)
        ControlCenterFixture cc = new ControlCenterFixture(sandbox, "restart")
                .set("unitize.control-center.cutover.freeze-timeout", "300s");
        ControlCenterFixture setup = new ControlCenterFixture(sandbox, "restart").start();
        try {
            setup.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
        } finally {
            setup.close();
        }
        try (TestAgent a = new TestAgent(sandbox, cc, "center", BUYER);
             TestAgent b = new TestAgent(sandbox, cc, "unit-b", BUYER)) {
            int i = 0;
            for (CutoverStep step : List.of(CutoverStep.FREEZE, CutoverStep.CONFIRM_FREEZE, CutoverStep.MARK,
                    CutoverStep.CONFIRM_SYNC, CutoverStep.SWITCH, CutoverStep.REPLAY)) {
                String target = i++ % 2 == 0 ? "unit-b" : "center";
                String id;
                try (ControlCenterProcess first = ControlCenterProcess.start(cc, "cc-restart-" + step + "-1",
                        HaltAfterStepFailpoint.args(step))) {
                    cc.attach(first.url);
                    CutoverIT.awaitAgents(cc, 2, cc.latestRules().version());
                    id = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\""
                            + target + "\",\"reason\":\"kill after " + step + "\"}").json().get("id").asText();
                    assertThat(first.awaitExit(Duration.ofSeconds(60))).as("halted by the failpoint after " + step).isEqualTo(137);
                }
                try (ControlCenterProcess second = ControlCenterProcess.start(cc, "cc-restart-" + step + "-2")) {
                    cc.attach(second.url);
                    JsonNode end = cc.awaitFinished(id);
                    assertThat(end.get("status").asText()).as("killed after " + step + ": " + end).isEqualTo("DONE");
                    assertConsistent(cc, List.of(a, b));
                    UnitRules rules = cc.latestRules();
                    assertThat(rules.compile().unitOfSlot(2000).code()).as("after " + step).isEqualTo(target);
                    assertThat(rules.compile().unitOfSlot(2999).code()).as("after " + step).isEqualTo(target);
                    assertThat(end.get("steps")).as("every step ran once, in order, across the two processes")
                            .extracting(s -> s.get("step").asText() + "=" + s.get("outcome").asText())
                            .containsExactly("FREEZE=ok", "CONFIRM_FREEZE=ok", "MARK=ok", "CONFIRM_SYNC=ok", "SWITCH=ok", "REPLAY=ok");
                }
            }
        }
    }

    @Test
    void killedDuringARollbackThenRestartedTheRollbackCompletes(UnitSandbox sandbox) throws Exception {
        ControlCenterFixture cc = new ControlCenterFixture(sandbox, "restart-rb")
                .set("unitize.control-center.cutover.freeze-ack-timeout", "2s");
        ControlCenterFixture setup = new ControlCenterFixture(sandbox, "restart-rb").start();
        try {
            setup.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
        } finally {
            setup.close();
        }
        try (TestAgent healthy = new TestAgent(sandbox, cc, "center", BUYER);
             TestAgent stuck = new TestAgent(sandbox, cc, "unit-b", BUYER, v -> v > 1)) {
            String id;
            try (ControlCenterProcess first = ControlCenterProcess.start(cc, "cc-restart-rb-1",
                    HaltAfterStepFailpoint.args(CutoverStep.CONFIRM_FREEZE))) {
                cc.attach(first.url);
                CutoverIT.awaitAgents(cc, 2, 1);
                id = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"unit-b\","
                        + "\"reason\":\"stuck agent\"}").json().get("id").asText();
                assertThat(first.awaitExit(Duration.ofSeconds(60))).isEqualTo(137);
            }
            try (ControlCenterProcess second = ControlCenterProcess.start(cc, "cc-restart-rb-2")) {
                cc.attach(second.url);
                JsonNode end = cc.awaitFinished(id);
                assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("ROLLED_BACK");
                assertThat(end.get("failure").asText()).contains(stuck.agentId());
                UnitRules rules = cc.latestRules();
                assertThat(rules.freezes()).isEmpty();
                assertThat(rules.routes()).containsExactly(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 9999, "unit-b"));
                assertThat(cc.nacosVersion("center")).isEqualTo(rules.version());
                assertThat(cc.nacosVersion("unit-b")).isEqualTo(rules.version());
                await(healthy::appliedVersion, v -> v == rules.version(), Duration.ofSeconds(10));
            }
        }
    }

    /** Store, every unit's Nacos and every agent agree on one version, and it freezes nothing. */
    private static void assertConsistent(ControlCenterFixture cc, List<TestAgent> agents) throws Exception {
        UnitRules rules = cc.latestRules();
        assertThat(rules.freezes()).isEmpty();
        assertThat(cc.nacosVersion("center")).isEqualTo(rules.version());
        assertThat(cc.nacosVersion("unit-b")).isEqualTo(rules.version());
        for (TestAgent agent : agents) {
            await(agent::appliedVersion, v -> v == rules.version(), Duration.ofSeconds(10));
        }
    }
}
