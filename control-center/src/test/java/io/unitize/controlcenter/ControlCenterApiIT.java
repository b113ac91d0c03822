package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.controlcenter.ControlCenterFixture.Response;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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

    private static final int FREEZE_TIMEOUT_SECONDS = 12;
    private static final Map<String, String> JSON_HEADERS = ControlCenterFixture.JSON_HEADERS;
    private static ControlCenterFixture cc;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        cc = new ControlCenterFixture(sandbox, "api").set("unitize.control-center.cutover.freeze-ack-timeout", "6s")
                .set("unitize.control-center.cutover.freeze-timeout", FREEZE_TIMEOUT_SECONDS + "s").start();
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
            "number as text      | {\"type\":\"MOVE_SLOTS\",\"from\":\"abc\",\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"r\"} | from | must be an integer, but was \"abc\"",
            "digits as text      | {\"type\":\"MOVE_SLOTS\",\"from\":\"2000\",\"to\":2999,\"toUnit\":\"unit-b\",\"reason\":\"r\"} | from | must be an integer, but was \"2000\"",
            "fraction            | {\"type\":\"MOVE_SLOTS\",\"from\":2000.5,\"to\":2999,\"toUnit\":\"unit-b\",\"reason\":\"r\"} | from | must be an integer, but was 2000.5",
            "fraction in a route | {\"type\":\"TARGET_ROUTES\",\"routes\":[{\"from\":0,\"to\":4999.5,\"unit\":\"center\"},{\"from\":5000,\"to\":9999,\"unit\":\"unit-b\"}],\"reason\":\"r\"} | routes[0].to | must be an integer, but was 4999.5",
            "unknown field       | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"r\",\"dryRun\":true} | dryRun | is not a known field; expected one of [acceptDataLoss, from, reason, routes, syncMode, to, toUnit, type, unit]",
            "unknown route field | {\"type\":\"TARGET_ROUTES\",\"routes\":[{\"from\":0,\"to\":9999,\"unit\":\"center\",\"weight\":1}],\"reason\":\"r\"} | routes[0].weight | is not a known field; expected one of [from, to, unit]",
            "text for a boolean  | {\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\",\"toUnit\":\"center\",\"acceptDataLoss\":\"yes\",\"reason\":\"r\"} | acceptDataLoss | must be a boolean (true or false), but was \"yes\"",
            "number for a text   | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\",\"reason\":42} | reason | must be a string",
            "reason too long     | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":5,\"toUnit\":\"unit-b\",\"reason\":\"RRRRRRRRRR\"} | reason | must be at most 500 characters (it is stored with every version the cutover issues), but has 501",
            "duplicate key       | {\"type\":\"MOVE_SLOTS\",\"from\":1,\"from\":7000,\"to\":7005,\"toUnit\":\"center\",\"reason\":\"r\"} | from | appears more than once",
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
    void anInvalidPlanIsRefusedWith400NamingTheFieldAndNothingIsPublished(String name, String template, String field,
                                                                           String message) throws Exception {
        String body = template.replace("RRRRRRRRRR", "r".repeat(501)); // a 501-character reason
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
            // the table in force with 7000-7099 moved to center: it leaves 100-199 where they are today, and is refused
            // all the same, since those slots are moving (it used to be accepted and then rewrote them)
            Response table = cc.post("/api/v1/cutovers", "{\"type\":\"TARGET_ROUTES\",\"reason\":\"table\",\"routes\":["
                    + "{\"from\":0,\"to\":4999,\"unit\":\"center\"},{\"from\":5000,\"to\":6999,\"unit\":\"unit-b\"},"
                    + "{\"from\":7000,\"to\":7099,\"unit\":\"center\"},{\"from\":7100,\"to\":9999,\"unit\":\"unit-b\"}]}");
            assertThat(table.status()).as(table.toString()).isEqualTo(409);
            assertThat(table.json().get("conflictingCutover").asText()).isEqualTo(id);
            assertThat(table.json().get("detail").asText()).contains("TARGET_ROUTES").contains("100-199").contains(id);
            Response named = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":150,\"to\":5100,"
                    + "\"toUnit\":\"center\",\"reason\":\"names moving slots\"}");
            assertThat(named.status()).as(named.toString()).isEqualTo(409);
            assertThat(named.json().get("conflictingCutover").asText()).isEqualTo(id);
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
    void whatAPlanOrADocumentWouldStoreIsCheckedAtSubmissionAndAFragmentedTableCompletes() throws Exception {
        UnitRules inForce = cc.latestRules();
        Response longReason = cc.put("/api/v1/rules", inForce.toBuilder().version(inForce.version() + 1)
                .reason("r".repeat(1025)).build().toJson());
        assertThat(longReason.status()).as(longReason.toString()).isEqualTo(400);
        assertThat(longReason.json().get("field").asText()).isEqualTo("reason");
        assertThat(longReason.json().get("detail").asText()).contains("at most 1024 characters").contains("but has 1025");
        assertThat(cc.latestRules().version()).isEqualTo(inForce.version());

        // 10,000 one-slot routes moving every other slot of 8000-8399: 200 ranges (used to wedge in FREEZE)
        StringBuilder routes = new StringBuilder();
        io.unitize.core.RulesSnapshot table = inForce.compile();
        for (int slot = 0; slot < 10_000; slot++) {
            String unit = slot >= 8000 && slot < 8400 && slot % 2 == 0 ? "center" : table.unitOfSlot(slot).code();
            routes.append(slot == 0 ? "" : ",").append("{\"from\":").append(slot).append(",\"to\":").append(slot)
                    .append(",\"unit\":\"").append(unit).append("\"}");
        }
        String reason = "x".repeat(500);
        JsonNode done = cc.runCutover("{\"type\":\"TARGET_ROUTES\",\"reason\":\"" + reason + "\",\"routes\":[" + routes + "]}");
        assertThat(done.get("status").asText()).as(done.path("failure").asText()).isEqualTo("DONE");
        assertThat(done.get("moves")).hasSize(200);
        UnitRules after = cc.latestRules();
        assertThat(after.compile().unitOfSlot(8000).code()).isEqualTo("center");
        assertThat(after.compile().unitOfSlot(8001).code()).isEqualTo("unit-b");
        assertThat(after.freezes()).isEmpty();
        assertThat(cc.get("/api/v1/rules/history").json()).allSatisfy(v ->
                assertThat(v.path("reason").asText().length()).isLessThanOrEqualTo(1024));
        assertThat(after.reason()).contains("and 192 more ranges").endsWith(reason);
    }

    @Test
    void oversizedAndDeeplyNestedBodiesAreRefusedAtTheDoorAndRefusalsAreAuditedBounded() throws Exception {
        long version = cc.latestRules().version();
        // 20 MB announced with Expect: 100-continue, as curl does: refused on the headers, the body is never sent
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String huge = cc.raw("PUT /api/v1/rules HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 20971520\r\nExpect: 100-continue\r\n\r\n", 64 * 1024);
        assertThat(huge).as(huge).startsWith("HTTP/1.1 413").contains("Content-Type: application/problem+json");
        JsonNode problem = ControlCenterFixture.JSON.readTree(huge.substring(huge.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("detail").asText()).isEqualTo("request body is larger than 1048576 bytes "
                + "(unitize.control-center.api.max-body-size)");
        assertThat(problem.get("field").asText()).isEqualTo("body");

        // without Content-Length (chunked), refused once the endpoint has read past the limit
        byte[] chunked = ("{\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":2,\"toUnit\":\"unit-b\",\"reason\":\""
                + "c".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Response streamed = cc.exchange("POST", "/api/v1/cutovers", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(chunked)), JSON_HEADERS, OPERATOR, OPERATOR_PASSWORD);
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(413);
        assertThat(streamed.json().get("type").asText()).isEqualTo("https://unitize.io/problems/request-too-large");

        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Response nested = cc.put("/api/v1/rules", deep);
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().get("detail").asText())
                .isEqualTo("request body nests objects and arrays deeper than 32 levels (unitize.control-center.api.max-json-depth)");
        // in a plan, nesting where a plan has none is refused at its first level, naming the field
        Response nestedPlan = cc.post("/api/v1/cutovers", "{\"type\":" + deep + "}");
        assertThat(nestedPlan.status()).as(nestedPlan.toString()).isEqualTo(400);
        assertThat(nestedPlan.json().get("field").asText()).isEqualTo("type");
        assertThat(nestedPlan.json().get("detail").asText()).isEqualTo("request type must be a string");

        // a refused plan under the limit: the audit keeps the refusal and the gist, not the 900 KB
        Response longReason = cc.post("/api/v1/cutovers", "{\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":2,\"toUnit\":\"unit-b\","
                + "\"reason\":\"" + "z".repeat(900_000) + "\"}");
        assertThat(longReason.status()).isEqualTo(400);
        JsonNode audit = cc.get("/api/v1/audit?limit=20").json();
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.get("action").asText()).isEqualTo("cutover.start");
            assertThat(a.get("outcome").asText()).isEqualTo("refused");
            assertThat(a.get("detail").asText()).contains("reason: must be at most 500 characters").contains("more characters)");
        });
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.get("action").asText()).isEqualTo("request.refused");
            assertThat(a.get("target").asText()).isEqualTo("POST /api/v1/cutovers");
            assertThat(a.get("detail").asText()).startsWith("413 request body is larger than 1048576 bytes");
        });
        assertThat(cc.get("/api/v1/audit?limit=1000").json()).allSatisfy(a ->
                assertThat(a.path("detail").asText().length()).isLessThanOrEqualTo(2000));
        assertThat(cc.latestRules().version()).isEqualTo(version);
    }

    @Test
    void aSwitchTheStoreCanNeverTakeRollsBackWithinTheFreezeTimeout(UnitSandbox sandbox) throws Exception {
        long base = cc.latestRules().version();
        String table = "unitize_cc_api.rules_version";
        // from now on the store refuses every SWITCH version (the rows already stored stay valid)
        ControlCenterFixture.sql(sandbox.center(), "ALTER TABLE " + table + " ADD CONSTRAINT it_no_switch CHECK (purpose <> 'SWITCH' "
                + "OR version <= " + base + ")");
        try (TestAgent agent = new TestAgent(sandbox, cc, "unit-b", 5_350)) {
            CutoverIT.awaitAgents(cc, 1, base);
            JsonNode end = cc.runCutover("{\"type\":\"MOVE_SLOTS\",\"from\":5300,\"to\":5399,\"toUnit\":\"center\","
                    + "\"reason\":\"the store refuses the switch\"}");
            assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("ROLLED_BACK");
            assertThat(end.get("failure").asText()).startsWith("SWITCH: cannot complete within freeze-timeout "
                    + FREEZE_TIMEOUT_SECONDS + "s").contains("it_no_switch");
            assertThat(end.get("steps")).extracting(st -> st.get("step").asText() + "=" + st.get("outcome").asText())
                    .containsExactly("FREEZE=ok", "CONFIRM_FREEZE=ok", "MARK=ok", "CONFIRM_SYNC=ok", "SWITCH=failed", "ROLLBACK=ok");
            // the store was retried until the freeze timeout, no longer: the rollback applied within its own bound
            long window = end.get("freezeWindowMillis").asLong();
            assertThat(window).isGreaterThanOrEqualTo(FREEZE_TIMEOUT_SECONDS * 1000L)
                    .isLessThanOrEqualTo((FREEZE_TIMEOUT_SECONDS + 6) * 1000L);
            UnitRules rules = cc.latestRules();
            assertThat(rules.freezes()).isEmpty();
            assertThat(rules.compile().unitOfSlot(5350).code()).isEqualTo("unit-b");
            assertThat(cc.nacosVersion("unit-b")).isEqualTo(rules.version());
            ControlCenterFixture.await(agent::appliedVersion, v -> v == rules.version(), Duration.ofSeconds(10));
            assertThat(agent.writeNow()).isEqualTo(TestAgent.WriteOutcome.ACCEPTED);
        } finally {
            ControlCenterFixture.sql(sandbox.center(), "ALTER TABLE " + table + " DROP CONSTRAINT it_no_switch");
        }
    }

    @Test
    void noMalformedRequestIsAnsweredWithA5xx(UnitSandbox sandbox) throws Exception {
        // a fuzzing operator whose password check is cheap (a stored {noop} hash), so thousands of requests stay fast
        ControlCenterFixture.sql(sandbox.center(), "INSERT IGNORE INTO unitize_cc_api.users VALUES ('fuzzer', '{noop}fuzz-secret-1', true)");
        ControlCenterFixture.sql(sandbox.center(), "INSERT IGNORE INTO unitize_cc_api.authorities VALUES ('fuzzer', 'ROLE_OPERATOR')");
        UnitRules before = cc.latestRules();
        int cutoversBefore = cc.get("/api/v1/cutovers?limit=500").json().size();
        long seed = Long.getLong("fuzz.seed", 27L);
        MalformedRequests generator = new MalformedRequests(seed, before.toJson(), "fuzzer", "fuzz-secret-1");
        java.util.List<String> failures = new java.util.ArrayList<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int count = 2_500;
        for (int i = 0; i < count; i++) {
            MalformedRequests.Request r = generator.next();
            Response res;
            try {
                HttpRequest.BodyPublisher body = r.body() == null ? null : r.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(r.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(r.body());
                res = cc.exchange(r.method(), r.path(), body, r.headers(), r.user(), r.password());
            } catch (java.io.IOException e) {
                failures.add("#" + i + " " + r + " -> no answer: " + e);
                continue;
            }
            statuses.merge(res.status(), 1, Integer::sum);
            if (res.status() >= 500) {
                failures.add("#" + i + " " + r + " -> " + res);
            } else if (res.status() >= 400 && res.status() != 401 && res.status() != 406 && !r.method().equals("HEAD")
                    && r.path().startsWith("/api/v1/") && !r.what().equals("odd path or method")
                    && !r.what().equals("odd credentials")
                    && !isProblem(res)) {
                failures.add("#" + i + " " + r + " -> not a problem document: " + res.contentType() + " " + res);
            }
        }
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("fuzzer:fuzz-secret-1".getBytes(StandardCharsets.UTF_8));
        for (String raw : MalformedRequests.rawRequests(auth)) {
            String answer = cc.raw(raw, 256);
            String statusLine = answer.isEmpty() ? "(closed without an answer)" : answer.split("\r\n|\n", 2)[0];
            // 505 is the protocol's answer to HTTP/9.9, from the server itself, not a failure
            if (statusLine.matches("HTTP/\\S+ 5\\d\\d.*") && !(raw.contains("HTTP/9.9") && statusLine.contains(" 505"))) {
                failures.add("raw " + raw.substring(0, Math.min(80, raw.length())).replace("\r\n", "\\r\\n") + " -> " + statusLine);
            }
        }
        assertThat(failures).as("seed " + seed + "; statuses " + statuses + "; first failures:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size())))).isEmpty();
        assertThat(statuses.keySet()).as("the run reached the parsers, not just the door").contains(400, 404, 405, 409, 413, 415);
        UnitRules after = cc.latestRules();
        assertThat(after).as("nothing changed").isEqualTo(before);
        assertThat(cc.get("/api/v1/cutovers?limit=500").json()).hasSize(cutoversBefore);
        assertThat(cc.get("/api/v1/audit?limit=1000").json()).allSatisfy(a ->
                assertThat(a.path("detail").asText().length()).isLessThanOrEqualTo(2000));
    }

    private static boolean isProblem(Response res) {
        try {
            return res.contentType() != null && res.contentType().startsWith("application/problem+json")
                    && res.json().path("status").asInt() == res.status() && res.json().hasNonNull("detail");
        } catch (Exception e) {
            return false;
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
