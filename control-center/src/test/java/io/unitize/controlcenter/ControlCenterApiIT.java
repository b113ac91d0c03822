package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.controlcenter.ControlCenterFixture.Response;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.unitize.controlcenter.ControlCenterFixture.OPERATOR;
import static io.unitize.controlcenter.ControlCenterFixture.OPERATOR_PASSWORD;
import static io.unitize.controlcenter.ControlCenterFixture.VIEWER;
import static io.unitize.controlcenter.ControlCenterFixture.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API's refusals, authentication and description, against a control center on the
 * sandbox's MariaDB and Nacos. Every refusal must leave the rules in every unit's Nacos as they were.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB})
class ControlCenterApiIT {

    private static ControlCenterFixture cc;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        cc = new ControlCenterFixture(sandbox, "api").set("unitize.control-center.cutover.freeze-ack-timeout", "6s").start();
        assertThat(cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules")).status()).isEqualTo(200);
        ControlCenterFixture.await(() -> cc.nacosVersion("unit-b"), v -> v == 1, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (cc != null) {
            cc.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON      | {\"type\":\"MOVE_SLOTS\",                                                   | body    | is not valid JSON",
            "number as text      | {\"type\":\"MOVE_SLOTS\",\"from\":\"abc\",\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"r\"} | from | must be a number, but was \"abc\"",
            "unknown type        | {\"type\":\"MOVE\",\"reason\":\"r\"}                                       | type    | must be one of [MOVE_SLOTS, TARGET_ROUTES, FAILOVER_UNIT], but was 'MOVE'",
            "missing reason      | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\"}          | reason  | is required",
            "slot out of range   | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":10000,\"toUnit\":\"unit-b\",\"reason\":\"r\"} | to | must be within 0..9999, but was 10000",
            "unknown unit        | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-x\",\"reason\":\"r\"} | toUnit | unknown unit 'unit-x'",
            "moves nothing       | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"center\",\"reason\":\"r\"} | to | the plan moves nothing",
            "gap in routes       | {\"type\":\"TARGET_ROUTES\",\"routes\":[{\"from\":0,\"to\":10,\"unit\":\"center\"}],\"reason\":\"r\"} | routes | 11",
            "route without unit  | {\"type\":\"TARGET_ROUTES\",\"routes\":[{\"from\":0,\"to\":9999}],\"reason\":\"r\"} | routes[0] | needs from, to and unit",
            "failover to itself  | {\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\",\"toUnit\":\"unit-b\",\"reason\":\"r\"} | toUnit | must differ from the lost unit",
            "unknown sync mode   | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"r\",\"syncMode\":\"X\"} | syncMode | must be one of [MARKER, GTID, MQ_REPLY]",
    })
    void anInvalidPlanIsRefusedWith400NamingTheFieldAndNothingIsPublished(String name, String body, String field, String message)
            throws Exception {
        long before = cc.nacosVersion("center");
        int historyBefore = cc.get("/api/v1/rules/history").json().size();
        for (String path : new String[]{"/api/v1/cutovers", "/api/v1/plans/dry-run"}) {
            Response r = cc.post(path, body);
            assertThat(r.status()).as(path + " " + r).isEqualTo(400);
            JsonNode problem = r.json();
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("field").asText()).as(r.toString()).isEqualTo(field);
            assertThat(problem.get("errors").get(0).get("message").asText()).as(r.toString()).contains(message);
            assertThat(problem.get("detail").asText()).contains(field);
        }
        assertThat(cc.nacosVersion("center")).isEqualTo(before);
        assertThat(cc.nacosVersion("unit-b")).isEqualTo(before);
        assertThat(cc.get("/api/v1/rules/history").json()).hasSize(historyBefore);
        assertThat(cc.get("/api/v1/cutovers").json().toString()).doesNotContain("\"reason\":\"r\"");
    }

    @Test
    void anInvalidRulesDocumentIsRefusedWith400NamingEveryViolation() throws Exception {
        Response r = cc.put("/api/v1/rules", "{\"version\":2,\"author\":\"a\",\"units\":[{\"code\":\"center\",\"role\":\"CENTER\"}],"
                + "\"transform\":{\"type\":\"MOD\",\"slotCount\":10000},\"routes\":[{\"from\":0,\"to\":10,\"unit\":\"center\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("rules document refused");
        assertThat(cc.nacosVersion("center")).isEqualTo(cc.latestRules().version());
        Response notJson = cc.put("/api/v1/rules", "not json");
        assertThat(notJson.status()).isEqualTo(400);
    }

    /** Issue 17: the store takes strict JSON only, and a version that is not the next one is refused naming the next. */
    @Test
    void aRulesDocumentThatIsNotStrictJsonIsRefusedWith400AndNothingIsStoredOrPublished() throws Exception {
        long v = cc.latestRules().version();
        int historyBefore = cc.get("/api/v1/rules/history").json().size();
        String next = cc.latestRules().toBuilder().version(v + 1).reason("strict").build().toJson();
        java.util.Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(next + " garbage", "content follows its end at line ");
        refusals.put(next + "{}", "but content follows its end at line ");
        refusals.put(next + "]", "content follows its end at line ");
        refusals.put(next.replace("\"version\": " + (v + 1) + ",", "\"version\": " + (v + 1) + ", \"version\": " + (v + 2) + ","),
                "has key 'version' twice in the document's top-level object");
        refusals.put(next.replace("\"unit\": \"center\"}", "\"unit\": \"center\", \"unit\": \"unit-b\"}"),
                "has key 'unit' twice in the object at routes[0]");
        refusals.put(next.replace("\"unit-b\"", "\"unit-\\u0431\""), // a Cyrillic letter, written as a JSON escape
                "units[1].code 'unit-\\u0431' must be 1-32 characters of ASCII a-z, 0-9 and '-'");
        for (java.util.Map.Entry<String, String> bad : refusals.entrySet()) {
            Response r = cc.put("/api/v1/rules", bad.getKey());
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(r.toString()).startsWith("rules document refused: ").contains(bad.getValue());
        }
        Response skipping = cc.put("/api/v1/rules", next.replace("\"version\": " + (v + 1), "\"version\": " + (v + 2)));
        assertThat(skipping.status()).as(skipping.toString()).isEqualTo(409);
        assertThat(skipping.json().get("detail").asText()).contains("rules version " + (v + 2) + " is not the version expected "
                + "in the control center: expected version " + (v + 1)).doesNotContain("not newer");
        assertThat(cc.get("/api/v1/rules/history").json()).hasSize(historyBefore);
        assertThat(cc.latestRules().version()).isEqualTo(v);
        assertThat(cc.nacosVersion("center")).isEqualTo(v);
        assertThat(cc.nacosVersion("unit-b")).isEqualTo(v);
    }

    @Test
    void aRulesEditThatMovesSlotsIsRefusedWith409() throws Exception {
        long v = cc.latestRules().version();
        String moving = cc.latestRules().toBuilder().version(v + 1).routes(java.util.List.of(
                io.unitize.core.SlotRoute.of(0, 5999, "center"), io.unitize.core.SlotRoute.of(6000, 9999, "unit-b"))).build().toJson();
        Response r = cc.put("/api/v1/rules", moving);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().get("detail").asText()).contains("moves slots").contains("POST /api/v1/cutovers");
        Response stale = cc.put("/api/v1/rules", cc.latestRules().toJson());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("field").asText()).isEqualTo("version");
        assertThat(cc.latestRules().version()).isEqualTo(v);
    }

    @Test
    void mutationsNeedAnAuthenticatedOperator() throws Exception {
        String plan = "{\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"r\"}";
        Response anonymous = cc.send("POST", "/api/v1/cutovers", plan, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asText()).contains("authentication required");
        assertThat(cc.send("GET", "/api/v1/rules", null, null, null).status()).isEqualTo(401);
        assertThat(cc.send("POST", "/api/v1/cutovers", plan, OPERATOR, "wrong-password").status()).isEqualTo(401);
        Response viewer = cc.send("POST", "/api/v1/cutovers", plan, VIEWER, VIEWER_PASSWORD);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().get("detail").asText()).contains("needs role OPERATOR");
        assertThat(cc.send("GET", "/api/v1/rules", null, VIEWER, VIEWER_PASSWORD).status()).isEqualTo(200);
        assertThat(cc.send("GET", "/api/v1/rules", null, OPERATOR, OPERATOR_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSecondCutoverOfOverlappingSlotsIsRefusedAndEveryAttemptIsAudited(UnitSandbox sandbox) throws Exception {
        long base = cc.latestRules().version();
        try (TestAgent stuck = new TestAgent(sandbox, cc, "unit-b", 1, v -> v > base)) {
            CutoverIT.awaitAgents(cc, 1, base);
            Response first = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":100,\"to\":199,\"toUnit\":\"unit-b\","
                    + "\"reason\":\"first\"}");
            assertThat(first.status()).isEqualTo(202);
            String id = first.json().get("id").asText();
            assertThat(first.location()).isEqualTo("/api/v1/cutovers/" + id);
            Response second = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":150,\"to\":250,\"toUnit\":\"unit-b\","
                    + "\"reason\":\"second\"}");
            assertThat(second.status()).as(second.toString()).isEqualTo(409);
            assertThat(second.json().get("detail").asText()).contains(id).contains("one cutover at a time per slot range");
            assertThat(second.json().get("conflictingCutover").asText()).isEqualTo(id);
            assertThat(cc.awaitFinished(id).get("status").asText()).isEqualTo("ROLLED_BACK");

            JsonNode audit = cc.get("/api/v1/audit").json();
            assertThat(audit).anySatisfy(a -> {
                assertThat(a.get("action").asText()).isEqualTo("cutover.start");
                assertThat(a.get("outcome").asText()).isEqualTo("refused");
                assertThat(a.get("operator").asText()).isEqualTo(OPERATOR);
                assertThat(a.path("detail").asText()).contains(id);
            });
            assertThat(audit).anySatisfy(a -> {
                assertThat(a.path("target").asText()).isEqualTo(id);
                assertThat(a.get("outcome").asText()).isEqualTo("accepted");
            });
        }
    }

    @Test
    void unknownCutoverIs404AndTheOpenApiDescriptionIsServed() throws Exception {
        Response missing = cc.get("/api/v1/cutovers/c-nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("no cutover c-nope");
        Response api = cc.send("GET", "/v3/api-docs", null, null, null);
        assertThat(api.status()).isEqualTo(200);
        JsonNode paths = api.json().get("paths");
        assertThat(paths.has("/api/v1/cutovers")).isTrue();
        assertThat(paths.has("/api/v1/cutovers/{id}")).isTrue();
        assertThat(paths.has("/api/v1/plans/dry-run")).isTrue();
        assertThat(paths.has("/api/v1/rules/history")).isTrue();
        assertThat(paths.has("/api/v1/agents")).isTrue();
        assertThat(paths.has("/api/v1/audit")).isTrue();
    }
}
