package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/cutovers/{id}/replay} on the real application (the store an in-memory H2, no
 * sandbox): a finished cutover stored with an undelivered replay request is shown with
 * {@code replaysPending}; asking to deliver it when the target unit cannot be reached answers 502
 * naming the unit and why, and changes nothing; a cutover with nothing undelivered is 409, an
 * unknown one 404; every answer is audited. (Delivery itself: {@code ReplayRedeliveryTest}.)
 */
class ReplayApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext ctx;
    private static String base;
    private static JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ctx = new SpringApplicationBuilder(ControlCenterApplication.class).run("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:replay-api;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1",
                "--unitize.control-center.security.bootstrap-users[0].username=op",
                "--unitize.control-center.security.bootstrap-users[0].password=op-secret-1");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
        jdbc = ctx.getBean(JdbcTemplate.class);
        store("c-pending", true, "[]");
        store("c-delivered", false, "[\"unit-b\"]");
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    /** A DONE cutover of slots 3500-3999 center -> unit-b as the engine saves it, its replay to unit-b sent or not. */
    private static void store(String id, boolean pending, String replaysSent) {
        String state = """
                {"id":"%s","plan":{"type":"MOVE_SLOTS","from":3500,"to":3999,"toUnit":"unit-b","unit":null,"routes":null,
                "acceptDataLoss":false,"reason":"move 3500-3999 to unit-b","syncMode":null},"operator":"alice","status":"DONE",
                "step":"DONE","moves":[{"range":{"from":3500,"to":3999},"from":"center","to":"unit-b"}],"skippedUnits":[],
                "syncMode":"MARKER","baseVersion":1,"freezeVersion":2,"switchVersion":3,"rollbackVersion":null,
                "createdAt":"2026-12-04T01:00:00Z","freezePublishedAt":"2026-12-04T01:00:01Z","freezeEffectiveAt":"2026-12-04T01:00:01.200Z",
                "switchAppliedAt":"2026-12-04T01:00:02Z","finishedAt":"2026-12-04T01:00:33Z","freezeWindowMillis":1000,
                "syncTokens":{"center":"%s@center"},"replaysSent":%s,"steps":[],"failure":null,"warnings":[]}
                """.formatted(id, id, replaysSent);
        jdbc.update("INSERT INTO cutover (id, operator, status, step, state, replay_pending, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, "alice", "DONE", "DONE", state, pending, 1L, 1L);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString("op:op-secret-1".getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + auth)
                .header("X-Requested-With", "test").method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCutoverWithAnUndeliveredReplayShowsItAndARefusedRedeliveryNamesTheUnitAndChangesNothing() throws Exception {
        JsonNode before = JSON.readTree(send("GET", "/api/v1/cutovers/c-pending").body());
        assertThat(before.get("replaysPending").toString()).isEqualTo("[\"unit-b\"]");

        HttpResponse<String> res = send("POST", "/api/v1/cutovers/c-pending/replay");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(502);
        JsonNode problem = JSON.readTree(res.body());
        assertThat(problem.get("type").asText()).endsWith("/replay-undelivered");
        assertThat(problem.get("detail").asText()).contains("replay request of cutover c-pending still not delivered");
        assertThat(problem.get("cutoverId").asText()).isEqualTo("c-pending");
        assertThat(problem.get("refusedByUnit").get("unit-b").asText()).as("why unit-b cannot be reached").isNotBlank();

        assertThat(JSON.readTree(send("GET", "/api/v1/cutovers/c-pending").body()).get("replaysPending").toString())
                .as("still undelivered").isEqualTo("[\"unit-b\"]");
        assertThat(jdbc.queryForObject("SELECT replay_pending FROM cutover WHERE id = 'c-pending'", Boolean.class)).isTrue();
        assertThat(jdbc.queryForList("SELECT outcome FROM audit_event WHERE action = 'cutover.replay' AND target = 'c-pending'", String.class))
                .containsExactly("refused");
    }

    @Test
    void aCutoverWithNothingUndeliveredIs409AndAnUnknownOne404() throws Exception {
        HttpResponse<String> delivered = send("POST", "/api/v1/cutovers/c-delivered/replay");
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(409);
        assertThat(JSON.readTree(delivered.body()).get("detail").asText())
                .contains("cutover c-delivered has no undelivered replay request").contains("every target unit has its request");

        HttpResponse<String> unknown = send("POST", "/api/v1/cutovers/c-nope/replay");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("detail").asText()).contains("no cutover c-nope");
    }
}
