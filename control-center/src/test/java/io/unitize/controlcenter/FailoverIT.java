package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emergency failover of a lost unit: unit-b's Nacos is stopped (the unit is unreachable), the
 * operator accepts the replication window's data loss, the cutover skips unit-b's
 * acknowledgements and the sync confirmation and records it; when unit-b's Nacos is back, the
 * control center republishes the version in force there and unit-b's agent applies it.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class FailoverIT {

    @Test
    void aLostUnitIsFailedOverWhenDataLossIsAcceptedAndCatchesUpWhenItReturns(UnitSandbox sandbox) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "failover")
                .set("unitize.control-center.rules.reconcile-interval", "2s")
                .set("unitize.control-center.cutover.publish-timeout", "4s").start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
            try (TestAgent center = new TestAgent(sandbox, cc, "center", 7_500);
                 TestAgent unitB = new TestAgent(sandbox, cc, "unit-b", 7_500)) {
                CutoverIT.awaitAgents(cc, 2, 1);
                sandbox.stopServer("unit-b", ServerKind.NACOS);
                try {
                    JsonNode dry = cc.post("/api/v1/plans/dry-run", "{\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\","
                            + "\"toUnit\":\"center\",\"acceptDataLoss\":true,\"reason\":\"unit-b lost\"}").json();
                    assertThat(dry.get("skippedUnits")).extracting(JsonNode::asText).containsExactly("unit-b");
                    assertThat(dry.get("steps")).filteredOn(s -> s.get("skipped").asBoolean())
                            .extracting(s -> s.get("step").asText()).containsExactly("MARK", "CONFIRM_SYNC");

                    JsonNode end = cc.runCutover("{\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\",\"toUnit\":\"center\","
                            + "\"acceptDataLoss\":true,\"reason\":\"unit-b lost\"}");

                    assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("DONE");
                    assertThat(end.get("dataLossAccepted").asBoolean()).isTrue();
                    assertThat(end.get("steps")).filteredOn(s -> s.get("outcome").asText().equals("skipped"))
                            .extracting(s -> s.get("step").asText()).containsExactly("MARK", "CONFIRM_SYNC");
                    UnitRules now = cc.latestRules();
                    assertThat(now.routes()).containsExactly(SlotRoute.of(0, 9999, "center"));
                    assertThat(cc.nacosVersion("center")).isEqualTo(now.version());
                    await(center::appliedVersion, v -> v == now.version(), Duration.ofSeconds(10));
                    assertThat(center.writeNow()).as("unit-b's buyers now write in center").isEqualTo(TestAgent.WriteOutcome.ACCEPTED);
                    assertThat(unitB.appliedVersion()).as("unit-b heard nothing while lost").isEqualTo(1);
                    assertThat(cc.get("/api/v1/audit").json().toString()).contains("data loss accepted for [unit-b]");
                } finally {
                    sandbox.startServer("unit-b", ServerKind.NACOS);
                }
                long latest = cc.latestRules().version();
                await(() -> cc.nacosVersion("unit-b"), v -> v == latest, Duration.ofSeconds(60));
                await(unitB::appliedVersion, v -> v == latest, Duration.ofSeconds(60));
                assertThat(unitB.writeNow()).isEqualTo(TestAgent.WriteOutcome.MISROUTED);
            }
        }
    }
}
