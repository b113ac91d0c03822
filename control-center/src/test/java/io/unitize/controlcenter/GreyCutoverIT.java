package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22's grey cutover on the sandbox's two-way replicated MariaDB: three waves, the second
 * wave's DATA_CHECK gate fails on a row corrupted in the target (written in unit-b only, bypassing
 * guard and replication): that wave's slots route to the source again, the first wave stays
 * switched, the third never runs, and the rules history shows each step. Bad plans are refused first.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB})
class GreyCutoverIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String WAVES = "{\"from\":2000,\"to\":2299,\"toUnit\":\"unit-b\",\"reason\":\"grey drain of rack 3\","
            + "\"waves\":[{\"from\":2000,\"to\":2099},{\"from\":2100,\"to\":2199},{\"from\":2200,\"to\":2299}],"
            + "\"gates\":{\"dataCheck\":true,\"maxLagMillis\":5000}}";

    private static String ownerOf(UnitRules rules, int slot) {
        return rules.routes().stream().filter(r -> r.range().contains(slot)).map(SlotRoute::unit).findFirst().orElseThrow();
    }

    @Test
    void threeWavesWhoseSecondDataCheckFailsRollBackTheSecondWaveOnly(UnitSandbox sandbox) throws Exception {
        String schema = "it_grey";
        IntegrityIT.orders(sandbox, schema); // ids 401..800: buyers of slots 2000..2399, replicated to unit-b
        try (ControlCenterFixture cc = IntegrityIT.fixture(sandbox, "grey", schema).start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules")); // 0-4999 center, 5000-9999 unit-b

            // refusals name the wave and why; nothing changes
            ControlCenterFixture.Response overlap = cc.post("/api/v1/grey-plans", WAVES.replace("{\"from\":2100,\"to\":2199}",
                    "{\"from\":2050,\"to\":2199}"));
            assertThat(overlap.status()).as(overlap.toString()).isEqualTo(400);
            assertThat(overlap.json().get("type").asText()).isEqualTo("https://unitize.io/problems/invalid-plan");
            assertThat(overlap.json().get("field").asText()).isEqualTo("waves[1]");
            assertThat(overlap.json().get("detail").asText()).contains("2050-2199 overlap waves[0] (2000-2099)");
            ControlCenterFixture.Response gap = cc.post("/api/v1/grey-plans", WAVES.replace(",{\"from\":2200,\"to\":2299}", ""));
            assertThat(gap.status()).isEqualTo(400);
            assertThat(gap.json().get("field").asText()).isEqualTo("waves");
            assertThat(gap.json().get("detail").asText()).contains("slots 2200-2299").contains("in no wave");
            ControlCenterFixture.Response viewer = cc.send("POST", "/api/v1/grey-plans", WAVES, ControlCenterFixture.VIEWER,
                    ControlCenterFixture.VIEWER_PASSWORD);
            assertThat(viewer.status()).isEqualTo(403);
            assertThat(cc.get("/api/v1/grey-plans").json()).isEmpty();
            assertThat(cc.latestRules().version()).isEqualTo(1);

            // slot 2150 (order 551) differs in unit-b only: the second wave's data check must find it
            IntegrityIT.local(sandbox.unit("unit-b"), "UPDATE " + schema + ".orders SET amount = amount + 1 WHERE id = 551");
            ControlCenterFixture.Response started = cc.post("/api/v1/grey-plans", WAVES);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.location()).startsWith("/api/v1/grey-plans/g-");
            String id = started.json().get("id").asText();
            JsonNode plan = await(() -> cc.get("/api/v1/grey-plans/" + id).json(),
                    p -> List.of("DONE", "FAILED", "ABORTED").contains(p.get("status").asText()), WAIT);

            assertThat(plan.get("status").asText()).as(plan.toString()).isEqualTo("FAILED");
            assertThat(plan.get("failure").asText()).startsWith("wave 2 (slots 2100-2199): gate DATA_CHECK failed")
                    .contains("MISMATCH").contains("key 551 (slot 2150) DIFFERENT");
            JsonNode waves = plan.get("waves");
            List<String> statuses = new ArrayList<>();
            waves.forEach(w -> statuses.add(w.get("status").asText()));
            assertThat(statuses).containsExactly("PASSED", "ROLLED_BACK", "NOT_RUN");
            assertThat(waves.get(0).get("gates")).extracting(g -> g.get("gate").asText() + " " + g.get("state").asText())
                    .containsExactly("DATA_CHECK PASSED", "REPLICATION_LAG PASSED");
            assertThat(waves.get(1).get("gates")).extracting(g -> g.get("gate").asText() + " " + g.get("state").asText())
                    .containsExactly("DATA_CHECK FAILED");
            assertThat(waves.get(2).hasNonNull("cutoverId")).as("the third wave never ran").isFalse();

            UnitRules rules = cc.latestRules();
            assertThat(ownerOf(rules, 2000)).as("the first wave stays switched").isEqualTo("unit-b");
            assertThat(ownerOf(rules, 2099)).isEqualTo("unit-b");
            assertThat(ownerOf(rules, 2100)).as("the failed wave routes to its source again").isEqualTo("center");
            assertThat(ownerOf(rules, 2199)).isEqualTo("center");
            assertThat(ownerOf(rules, 2200)).as("the third wave never moved").isEqualTo("center");
            assertThat(rules.freezes()).isEmpty();

            String wave1 = waves.get(0).get("cutoverId").asText();
            String wave2 = waves.get(1).get("cutoverId").asText();
            String back = waves.get(1).get("rollbackCutovers").get(0).asText();
            JsonNode rollback = cc.get("/api/v1/cutovers/" + back).json();
            assertThat(rollback.get("status").asText()).isEqualTo("DONE");
            List<String> history = new ArrayList<>();
            for (JsonNode v : cc.get("/api/v1/rules/history").json()) {
                history.add(0, v.get("purpose").asText() + " " + (v.hasNonNull("cutoverId") ? v.get("cutoverId").asText() : "-"));
            }
            assertThat(history).containsExactly("EDIT -", "FREEZE " + wave1, "SWITCH " + wave1, "FREEZE " + wave2, "SWITCH " + wave2,
                    "FREEZE " + back, "SWITCH " + back);
            assertThat(cc.get("/api/v1/rules/versions/7").json().get("reason").asText())
                    .contains("grey " + id + " wave 2/3 rollback 1/1");
            ControlCenterFixture.Response approve = cc.post("/api/v1/grey-plans/" + id + "/approve", null);
            assertThat(approve.status()).as("nothing to approve in a failed plan").isEqualTo(409);
        } finally {
            ControlCenterFixture.sql(sandbox.center(), "DROP DATABASE IF EXISTS " + schema);
        }
    }
}
