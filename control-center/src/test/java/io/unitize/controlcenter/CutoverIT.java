package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.controlcenter.TestAgent.WriteOutcome;
import io.unitize.core.ReplayRequest;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cutovers against the sandbox's real Nacos (both units), MariaDB replication and RocketMQ, with
 * real subscribers as agents in both units.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class CutoverIT {

    /** Slot 2500: home center before the move, unit-b after. */
    private static final long MOVING_BUYER = 1_000_002_500L;
    private static final String MOVE_TO_B = "{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"unit-b\","
            + "\"reason\":\"drain center rack 3\"}";

    @Test
    void cutoverMovesSlotsWithEveryStepConfirmedAndFreezesWritesUntilTheSwitch(UnitSandbox sandbox) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "move").start()) {
            assertThat(cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules")).status()).isEqualTo(200);
            createTopic(sandbox, cc.replayTopic());
            List<ReplayRequest> replays = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = replayConsumer(sandbox, cc.replayTopic(), replays);
            try (TestAgent centerA = new TestAgent(sandbox, cc, "center", MOVING_BUYER);
                 TestAgent centerB = new TestAgent(sandbox, cc, "center", MOVING_BUYER);
                 TestAgent unitB = new TestAgent(sandbox, cc, "unit-b", MOVING_BUYER)) {
                awaitAgents(cc, 3, 1);
                assertThat(centerA.writeNow()).isEqualTo(WriteOutcome.ACCEPTED);
                assertThat(unitB.writeNow()).isEqualTo(WriteOutcome.MISROUTED);

                JsonNode dry = cc.post("/api/v1/plans/dry-run", MOVE_TO_B).json();
                assertThat(dry.get("moves")).hasSize(1);
                assertThat(dry.get("moves").get(0).get("from").asText()).isEqualTo("center");
                assertThat(dry.get("agentsToAcknowledge")).hasSize(3);
                assertThat(cc.nacosVersion("center")).as("a dry run publishes nothing").isEqualTo(1);

                JsonNode done = cc.runCutover(MOVE_TO_B);

                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
                long freeze = done.get("freezeVersion").asLong();
                long switched = done.get("switchVersion").asLong();
                assertThat(freeze).isEqualTo(2);
                assertThat(switched).isEqualTo(3);
                for (JsonNode step : done.get("steps")) {
                    assertThat(step.get("outcome").asText()).as(step.toString()).isEqualTo("ok");
                    assertThat(step.get("millis").asLong()).isGreaterThanOrEqualTo(0);
                }
                assertThat(done.get("steps")).extracting(s -> s.get("step").asText())
                        .containsExactly("FREEZE", "CONFIRM_FREEZE", "MARK", "CONFIRM_SYNC", "SWITCH", "REPLAY");
                assertThat(done.get("freezeWindowMillis").asLong()).isPositive();

                // every agent is on the new version and the write guard follows it
                for (TestAgent a : List.of(centerA, centerB, unitB)) {
                    await(a::appliedVersion, v -> v == switched, Duration.ofSeconds(10));
                    assertThat(a.outcomeByVersion.get(freeze)).as("write of a moving buyer between freeze and switch")
                            .isEqualTo(WriteOutcome.FROZEN);
                }
                assertThat(unitB.outcomeByVersion.get(switched)).isEqualTo(WriteOutcome.ACCEPTED);
                assertThat(centerA.outcomeByVersion.get(switched)).isEqualTo(WriteOutcome.MISROUTED);
                assertThat(cc.nacosVersion("center")).isEqualTo(switched);
                assertThat(cc.nacosVersion("unit-b")).isEqualTo(switched);
                UnitRules now = cc.latestRules();
                assertThat(now.freezes()).isEmpty();
                assertThat(now.routes()).containsExactly(SlotRoute.of(0, 1999, "center"), SlotRoute.of(2000, 2999, "unit-b"),
                        SlotRoute.of(3000, 4999, "center"), SlotRoute.of(5000, 9999, "unit-b"));

                // the replay request reached unit-b's RocketMQ with the slots and T
                ReplayRequest replay = await(() -> replays.isEmpty() ? null : replays.get(0), r -> r != null, Duration.ofSeconds(30));
                assertThat(replay.cutoverId()).isEqualTo(done.get("id").asText());
                assertThat(replay.targetUnit()).isEqualTo("unit-b");
                assertThat(replay.sourceUnits()).containsExactly("center");
                assertThat(replay.ranges()).containsExactly(SlotRange.of(2000, 2999));
                assertThat(replay.freezeEffectiveAt()).isEqualTo(Instant.parse(done.get("freezeEffectiveAt").asText()));
                assertThat(replay.replayFrom()).isBefore(replay.freezeEffectiveAt());
                assertThat(replay.rulesVersion()).isEqualTo(switched);

                // and back, confirming the data with a GTID wait instead of the marker lookup
                JsonNode back = cc.runCutover("{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"center\","
                        + "\"reason\":\"back\",\"syncMode\":\"GTID\"}");
                assertThat(back.get("status").asText()).as(back.toString()).isEqualTo("DONE");
                assertThat(back.get("syncTokens").get("unit-b").asText()).matches("\\d+-\\d+-\\d+");
                assertThat(cc.latestRules().routes()).containsExactly(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 9999, "unit-b"));

                JsonNode history = cc.get("/api/v1/rules/history").json();
                assertThat(history).extracting(h -> h.get("purpose").asText())
                        .containsExactly("SWITCH", "FREEZE", "SWITCH", "FREEZE", "EDIT");
                assertThat(history.get(0).get("author").asText()).isEqualTo(ControlCenterFixture.OPERATOR);
                JsonNode audit = cc.get("/api/v1/audit").json();
                assertThat(audit).extracting(a -> a.get("action").asText()).contains("cutover.start", "rules.put");
                assertThat(cc.send("GET", "/actuator/metrics/unitize.cutover.freeze.window", null,
                        ControlCenterFixture.OPERATOR, ControlCenterFixture.OPERATOR_PASSWORD).json()
                        .get("measurements").get(0).get("value").asDouble()).isEqualTo(2.0);
            } finally {
                consumer.shutdown();
            }
        }
    }

    @Test
    void anAgentThatNeverAcknowledgesTimesOutAndTheCutoverRollsBack(UnitSandbox sandbox) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "stuck")
                .set("unitize.control-center.cutover.freeze-ack-timeout", "3s").start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
            try (TestAgent healthy = new TestAgent(sandbox, cc, "center", MOVING_BUYER);
                 TestAgent stuck = new TestAgent(sandbox, cc, "unit-b", MOVING_BUYER, v -> v > 1)) {
                awaitAgents(cc, 2, 1);

                JsonNode end = cc.runCutover(MOVE_TO_B);

                assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("ROLLED_BACK");
                assertThat(end.get("failure").asText()).startsWith("CONFIRM_FREEZE")
                        .contains(stuck.agentId()).contains("unit unit-b").contains("applied version 1");
                long rollback = end.get("rollbackVersion").asLong();
                assertThat(rollback).isEqualTo(3);
                UnitRules now = cc.latestRules();
                assertThat(now.version()).isEqualTo(rollback);
                assertThat(now.freezes()).as("freeze lifted").isEmpty();
                assertThat(now.routes()).as("routes unchanged")
                        .containsExactly(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 9999, "unit-b"));
                assertThat(cc.nacosVersion("center")).isEqualTo(rollback);
                assertThat(cc.nacosVersion("unit-b")).isEqualTo(rollback);
                await(healthy::appliedVersion, v -> v == rollback, Duration.ofSeconds(10));
                assertThat(healthy.writeNow()).as("the moving buyer writes again in its old home").isEqualTo(WriteOutcome.ACCEPTED);
                assertThat(end.get("steps")).extracting(s -> s.get("step").asText())
                        .containsExactly("FREEZE", "CONFIRM_FREEZE", "ROLLBACK");
            }
        }
    }

    @Test
    void pausedReplicationMakesTheSyncConfirmationTimeOutAndRollBack_resumedInTimeItCompletes(UnitSandbox sandbox) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "repl")
                .set("unitize.control-center.cutover.sync-timeout", "6s").start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
            try (TestAgent a = new TestAgent(sandbox, cc, "center", MOVING_BUYER);
                 TestAgent b = new TestAgent(sandbox, cc, "unit-b", MOVING_BUYER)) {
                awaitAgents(cc, 2, 1);
                // warm the marker schema in both units so that only the pause below stops the marker
                assertThat(cc.runCutover(MOVE_TO_B).get("status").asText()).isEqualTo("DONE");
                assertThat(cc.runCutover("{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"center\",\"reason\":\"back\"}")
                        .get("status").asText()).isEqualTo("DONE");
                UnitRules before = cc.latestRules();

                ControlCenterFixture.sql(sandbox.unit("unit-b"), "STOP SLAVE 'from_center'");
                try {
                    JsonNode end = cc.runCutover(MOVE_TO_B);
                    assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("ROLLED_BACK");
                    assertThat(end.get("failure").asText()).startsWith("CONFIRM_SYNC")
                            .contains("written in unit center").contains("not seen in unit unit-b");
                    UnitRules after = cc.latestRules();
                    assertThat(after.routes()).isEqualTo(before.routes());
                    assertThat(after.freezes()).isEmpty();
                    assertThat(cc.nacosVersion("unit-b")).isEqualTo(after.version());

                    // paused again, resumed while the control center waits: the cutover completes
                    String id = cc.post("/api/v1/cutovers", MOVE_TO_B).json().get("id").asText();
                    await(() -> cc.get("/api/v1/cutovers/" + id).json().get("step").asText(), "CONFIRM_SYNC"::equals,
                            Duration.ofSeconds(30));
                    Thread.sleep(1000);
                    assertThat(cc.get("/api/v1/cutovers/" + id).json().get("step").asText())
                            .as("still waiting for the marker while replication is stopped").isEqualTo("CONFIRM_SYNC");
                    ControlCenterFixture.sql(sandbox.unit("unit-b"), "START SLAVE 'from_center'");
                    JsonNode done = cc.awaitFinished(id);
                    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
                    assertThat(cc.latestRules().routes()).containsExactly(SlotRoute.of(0, 1999, "center"),
                            SlotRoute.of(2000, 2999, "unit-b"), SlotRoute.of(3000, 4999, "center"), SlotRoute.of(5000, 9999, "unit-b"));
                } finally {
                    ControlCenterFixture.sql(sandbox.unit("unit-b"), "START SLAVE 'from_center'");
                }
            }
        }
    }

    /** Waits until the control center lists the agents, every one on a version >= {@code version}. */
    static void awaitAgents(ControlCenterFixture cc, int count, long version) throws Exception {
        await(() -> cc.get("/api/v1/agents").json(), view -> {
            int n = 0;
            for (JsonNode unit : view.get("units")) {
                for (JsonNode agent : unit.get("agents")) {
                    if (agent.get("appliedVersion").asLong() < version) {
                        return false;
                    }
                    n++;
                }
            }
            return n == count;
        }, Duration.ofSeconds(20));
    }

    static void createTopic(UnitSandbox sandbox, String topic) {
        sandbox.units().forEach(unit -> unit.createTopic(topic, 2));
    }

    static DefaultMQPushConsumer replayConsumer(UnitSandbox sandbox, String topic, List<ReplayRequest> into) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("cc-it-replay-" + System.nanoTime());
        consumer.setNamesrvAddr(sandbox.unit("unit-b").namesrvAddr());
        consumer.setInstanceName("cc-it-replay-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "unit-b");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> into.add(ReplayRequest.fromJson(new String(m.getBody(), StandardCharsets.UTF_8))));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
