package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules API validates and round-trips the unit directory (units[] index and named endpoints) and
 * refuses a version that changes a unit's index; without the sandbox (in-memory H2, a Nacos that is
 * not there: a stored version answers 502 "stored, not yet in every unit").
 */
class UnitDirectoryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext ctx;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ctx = new SpringApplicationBuilder(ControlCenterApplication.class).run("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:unit-directory;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1",
                "--unitize.control-center.security.bootstrap-users[0].username=op",
                "--unitize.control-center.security.bootstrap-users[0].password=op-secret-1");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    private static String doc(long version, int unitBIndex, String unitBNamesrv) {
        return """
                {"version": %d, "updatedAt": "2026-12-02T01:00:00Z", "author": "op", "reason": "directory",
                 "units": [
                   {"code": "center", "role": "CENTER", "index": 0, "gateway": "http://127.0.0.1:18080", "rocketmq": "127.0.0.1:19876"},
                   {"code": "unit-b", "role": "UNIT", "index": %d, "rocketmq": "%s", "redis.order-cache": "redis://127.0.0.1:26379"}],
                 "routes": [{"from": 0, "to": 4999, "unit": "center"}, {"from": 5000, "to": 9999, "unit": "unit-b"}]}
                """.formatted(version, unitBIndex, unitBNamesrv);
    }

    private HttpResponse<String> send(String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/rules")).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("op:op-secret-1".getBytes(StandardCharsets.UTF_8)));
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indexesAndEndpointsAreValidatedStoredAndReadBackAndAnIndexNeverChanges() throws Exception {
        HttpResponse<String> duplicate = send("PUT", doc(1, 0, "127.0.0.1:29876"));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body()).contains("units[1].index 0 of unit 'unit-b' is already the index of unit 'center'");

        assertThat(send("PUT", doc(1, 1, "127.0.0.1:29876")).statusCode()).as("stored (Nacos is not there)").isIn(200, 502);
        UnitRules stored = UnitRules.fromJson(send("GET", null).body());
        assertThat(stored.unit("unit-b").orElseThrow().index()).isEqualTo(1);
        assertThat(stored.unit("unit-b").orElseThrow().endpoint("rocketmq")).isEqualTo("127.0.0.1:29876");
        assertThat(stored.unit("unit-b").orElseThrow().endpoint("redis.order-cache")).isEqualTo("redis://127.0.0.1:26379");

        HttpResponse<String> changed = send("PUT", doc(2, 2, "127.0.0.1:29876"));
        assertThat(changed.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(changed.body());
        assertThat(problem.path("type").asText()).endsWith("unit-index-changed");
        assertThat(problem.path("unit").asText()).isEqualTo("unit-b");
        assertThat(problem.path("oldIndex").asInt()).isEqualTo(1);
        assertThat(problem.path("newIndex").asInt()).isEqualTo(2);
        assertThat(problem.path("detail").asText()).contains("changes the index of unit 'unit-b' from 1 to 2");

        assertThat(send("PUT", doc(2, 1, "127.0.0.1:39876")).statusCode()).as("an endpoint moves").isIn(200, 502);
        assertThat(UnitRules.fromJson(send("GET", null).body()).unit("unit-b").orElseThrow().endpoint("rocketmq"))
                .isEqualTo("127.0.0.1:39876");
    }
}
