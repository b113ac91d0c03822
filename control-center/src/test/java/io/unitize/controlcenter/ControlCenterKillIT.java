package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control center on its default embedded store, as its own process, killed with SIGKILL right
 * after the API acknowledged something — a published version, a cutover step — and started again
 * on the same store folder, five times: every acknowledged version is still there, and each
 * cutover that was running resumes from its last saved step and ends DONE (every step done once,
 * in order; a step the kill cut short is recorded "interrupted" and runs again), with the store,
 * every unit's Nacos and every agent on one version.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class ControlCenterKillIT {

    private static final long BUYER = 2_500;
    private static final List<String> ALL_STEPS = List.of("FREEZE=ok", "CONFIRM_FREEZE=ok", "MARK=ok", "CONFIRM_SYNC=ok",
            "SWITCH=ok", "REPLAY=ok");

    @Test
    void sigkillRightAfterAcknowledgedPublishesAndCutoverStepsLosesNothing(UnitSandbox sandbox) throws Exception {
        ControlCenterFixture cc = new ControlCenterFixture(sandbox, "kill");
        cc.properties.remove("spring.datasource.url"); // the default: the embedded store
        cc.properties.remove("spring.datasource.username");
        cc.properties.remove("spring.datasource.password");
        Path store = Path.of("target", "cc-kill-store-" + System.nanoTime()).toAbsolutePath();
        cc.set("unitize.control-center.store.directory", store.toString());
        Set<Long> acknowledged = new LinkedHashSet<>();
        int run = 0;

        // published versions: the API answers 200, SIGKILL at once
        for (int round = 1; round <= 2; round++) {
            try (ControlCenterProcess p = start(cc, ++run)) {
                assertKept(cc, acknowledged, "after SIGKILL " + (run - 1));
                assertThat(ProcFiles.openFlags(p.pid(), store.resolve("control-center.mv.db")))
                        .as("the child opened its store for synchronous writes").isNotEmpty()
                        .allMatch(flags -> (flags & ProcFiles.O_DSYNC) != 0);
                for (int i = 0; i < 2; i++) {
                    long v = acknowledged.size() + 1;
                    ControlCenterFixture.Response r = cc.put("/api/v1/rules", rules(v, "publish round " + round));
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    acknowledged.add(v);
                }
                assertThat(p.kill()).as("SIGKILL right after version " + acknowledged.size() + " was acknowledged").isEqualTo(137);
            }
        }

        // cutovers: SIGKILL right after the API reported a step done; the next process finishes it
        try (TestAgent a = new TestAgent(sandbox, cc, "center", BUYER);
             TestAgent b = new TestAgent(sandbox, cc, "unit-b", BUYER)) {
            String running = null;
            List<String> stepsSeen = List.of();
            String target = "center";
            for (CutoverStep killAfter : Arrays.asList(CutoverStep.FREEZE, CutoverStep.CONFIRM_SYNC, CutoverStep.SWITCH, null)) {
                try (ControlCenterProcess p = start(cc, ++run)) {
                    assertKept(cc, acknowledged, "after SIGKILL " + (run - 1));
                    if (running != null) {
                        JsonNode end = cc.awaitFinished(running);
                        assertThat(end.get("status").asText()).as("the cutover running at SIGKILL " + (run - 1) + ": " + end)
                                .isEqualTo("DONE");
                        List<String> steps = steps(end);
                        assertThat(steps.stream().filter(st -> !st.endsWith("=interrupted")).toList())
                                .as("every step done once, in order, across the two processes: " + steps).isEqualTo(ALL_STEPS);
                        for (int i = 0; i < steps.size(); i++) {
                            if (steps.get(i).endsWith("=interrupted")) {
                                String step = steps.get(i).substring(0, steps.get(i).indexOf('='));
                                assertThat(steps.get(i + 1)).as("the step SIGKILL cut short ran again on resume: " + steps)
                                        .isEqualTo(step + "=ok");
                            }
                        }
                        assertThat(steps).as("the steps acknowledged before SIGKILL").startsWith(stepsSeen.toArray(String[]::new));
                        versions(end).forEach(acknowledged::add);
                        assertKept(cc, acknowledged, "after the resumed cutover");
                        assertConsistent(cc, List.of(a, b), target);
                    }
                    if (killAfter == null) {
                        break;
                    }
                    target = target.equals("center") ? "unit-b" : "center";
                    CutoverIT.awaitAgents(cc, 2, cc.latestRules().version());
                    ControlCenterFixture.Response started = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":2000,"
                            + "\"to\":2999,\"toUnit\":\"" + target + "\",\"reason\":\"SIGKILL after " + killAfter + "\"}");
                    assertThat(started.status()).as(started.toString()).isEqualTo(202);
                    running = started.json().get("id").asText();
                    String id = running;
                    String done = killAfter + "=ok";
                    JsonNode seen = await(() -> cc.get("/api/v1/cutovers/" + id).json(),
                            c -> steps(c).contains(done) || !c.path("status").asText().equals("RUNNING"), Duration.ofSeconds(60));
                    assertThat(p.kill()).as("SIGKILL right after " + done).isEqualTo(137);
                    assertThat(steps(seen)).as("killed while running: " + seen).contains(done);
                    stepsSeen = steps(seen);
                    versions(seen).forEach(acknowledged::add);
                }
            }
        }
    }

    private static ControlCenterProcess start(ControlCenterFixture cc, int run) throws Exception {
        ControlCenterProcess p = ControlCenterProcess.start(cc, "cc-kill-" + run);
        cc.attach(p.url);
        return p;
    }

    private static String rules(long version, String reason) {
        return UnitRules.fromJson(ControlCenterFixture.initialRules(reason)).toBuilder().version(version).build().toJson();
    }

    /** Steps finished so far, as "STEP=outcome". */
    private static List<String> steps(JsonNode cutover) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : cutover.path("steps")) {
            if (s.hasNonNull("outcome")) {
                out.add(s.get("step").asText() + "=" + s.get("outcome").asText());
            }
        }
        return out;
    }

    /** The versions a cutover reported as published (freeze, switch, rollback). */
    private static List<Long> versions(JsonNode cutover) {
        List<Long> out = new ArrayList<>();
        for (String field : List.of("freezeVersion", "switchVersion", "rollbackVersion")) {
            if (cutover.hasNonNull(field)) {
                out.add(cutover.get(field).asLong());
            }
        }
        return out;
    }

    private static void assertKept(ControlCenterFixture cc, Set<Long> acknowledged, String when) throws Exception {
        List<Long> stored = new ArrayList<>();
        for (JsonNode v : cc.get("/api/v1/rules/history?limit=1000").json()) {
            stored.add(v.get("version").asLong());
        }
        assertThat(stored).as(when + ": every acknowledged version is in the store").containsAll(acknowledged);
    }

    /** Store, every unit's Nacos and every agent agree on one version; it freezes nothing and routes 2000-2999 to target. */
    private static void assertConsistent(ControlCenterFixture cc, List<TestAgent> agents, String target) throws Exception {
        UnitRules rules = cc.latestRules();
        assertThat(rules.freezes()).isEmpty();
        assertThat(rules.compile().unitOfSlot(2000).code()).isEqualTo(target);
        assertThat(rules.compile().unitOfSlot(2999).code()).isEqualTo(target);
        assertThat(cc.nacosVersion("center")).isEqualTo(rules.version());
        assertThat(cc.nacosVersion("unit-b")).isEqualTo(rules.version());
        for (TestAgent agent : agents) {
            await(agent::appliedVersion, v -> v == rules.version(), Duration.ofSeconds(10));
        }
    }
}
