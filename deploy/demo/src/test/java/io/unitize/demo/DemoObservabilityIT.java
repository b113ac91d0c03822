package io.unitize.demo;

import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control center and a gateway started as the demo starts them ({@link DemoMain}'s arguments, on
 * free ports): {@code /actuator/prometheus} shows the Unitize meters, and the gateway's health goes
 * DOWN when its unit's Nacos is stopped and UP when it is back.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB})
class DemoObservabilityIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ControlCenterProcess controlCenter;
    private static ConfigurableApplicationContext gateway;
    private static String controlCenterUrl;
    private static String gatewayUrl;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        int ccPort = freePort();
        String password = DemoMain.generatedPassword();
        List<String> ccArgs = Arrays.stream(DemoMain.controlCenterArgs(sandbox, password))
                .map(a -> a.startsWith("--server.port=") ? "--server.port=" + ccPort : a).toList();
        Path home = sandbox.runDir().resolve("control-center");
        controlCenter = ControlCenterProcess.start(controlCenterClasspath(), ccArgs, ccPort, home, home.resolve("control-center.pid"));
        controlCenter.awaitReady(PATIENCE);
        controlCenterUrl = controlCenter.url();
        controlCenter.storeRules(DemoMain.OPERATOR + ":" + password, DemoMain.firstRulesJson(sandbox.units()), r -> DemoMain.withEndpoints(r, sandbox.units()));
        int gwPort = freePort();
        String[] gwArgs = Arrays.copyOf(DemoMain.gatewayArgs(sandbox.unit("unit-b"), gwPort), DemoMain.gatewayArgs(sandbox.unit("unit-b"), gwPort).length + 1);
        gwArgs[gwArgs.length - 1] = "--management.endpoint.health.show-components=always"; // to name the component that is DOWN
        gateway = new SpringApplicationBuilder(UnitizeGatewayApplication.class).web(WebApplicationType.REACTIVE).run(gwArgs);
        gatewayUrl = "http://127.0.0.1:" + gwPort;
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (controlCenter != null) {
            controlCenter.close();
        }
    }

    /** The control center's own classpath, as the reactor build left it (its classes and target/runtime.classpath). */
    private static String controlCenterClasspath() throws IOException {
        Path target = Path.of("..", "..", "control-center", "target").toAbsolutePath().normalize();
        Path deps = target.resolve("runtime.classpath");
        assertThat(deps).as("written by control-center's build (maven-dependency-plugin build-classpath)").isReadable();
        return target.resolve("classes") + java.io.File.pathSeparator + Files.readString(deps).trim();
    }

    private static int freePort() {
        return io.unitize.sandbox.UnitSandbox.freePort();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code url} until the response satisfies {@code done}; returns it, or the last one when the deadline passes. */
    private static HttpResponse<String> awaitResponse(String url, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> last = get(url);
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = get(url);
        }
        return last;
    }

    @Test
    void theControlCentersPrometheusEndpointShowsTheCutoverMetersWithHistograms() throws Exception {
        HttpResponse<String> r = get(controlCenterUrl + "/actuator/prometheus");
        assertThat(r.statusCode()).as("public like /actuator/health, for the scraper").isEqualTo(200);
        assertThat(r.body()).contains("unitize_cutover_freeze_window_seconds_bucket{")
                .contains("unitize_cutover_freeze_age_seconds ")
                .contains("unitize_cutover_freeze_timeout_seconds ")
                .doesNotContain("quantile=");
    }

    @Test
    void theGatewaysPrometheusEndpointShowsTheRulesAndGatewayMetersOnceRulesAreApplied() throws Exception {
        HttpResponse<String> r = awaitResponse(gatewayUrl + "/actuator/prometheus",
                x -> x.body().contains("unitize_rules_applied_version{agent_kind=\"gateway\",unit=\"unit-b\"} 1.0"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("unitize_rules_applied_version{agent_kind=\"gateway\",unit=\"unit-b\"} 1.0")
                .contains("unitize_rules_seen_version{agent_kind=\"gateway\",unit=\"unit-b\"} 1.0")
                .contains("unitize_rules_rejected_total{agent_kind=\"gateway\",reason=\"invalid\",unit=\"unit-b\"} 0.0")
                .contains("unitize_freeze_active_slots{agent_kind=\"gateway\",unit=\"unit-b\"} 0.0")
                .contains("unitize_gateway_decisions_total{");
        assertThat(awaitResponse(gatewayUrl + "/actuator/health/readiness", x -> x.statusCode() == 200).statusCode())
                .as("ready once version 1 is applied").isEqualTo(200);
    }

    @Test
    void theGatewaysHealthGoesDownWhenItsNacosStopsAndUpWhenItReturns(UnitSandbox sandbox) throws Exception {
        assertThat(awaitResponse(gatewayUrl + "/actuator/health", x -> x.statusCode() == 200).body()).contains("\"status\":\"UP\"");
        sandbox.stopServer("unit-b", ServerKind.NACOS);
        try {
            HttpResponse<String> down = awaitResponse(gatewayUrl + "/actuator/health", x -> x.statusCode() == 503);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"unitizeNacos\":{\"status\":\"DOWN\"");
            assertThat(get(gatewayUrl + "/actuator/health/liveness").statusCode()).as("Nacos is not a reason to restart the pod").isEqualTo(200);
            assertThat(get(gatewayUrl + "/actuator/health/readiness").statusCode()).as("it keeps serving on the rules it has").isEqualTo(200);
        } finally {
            sandbox.startServer("unit-b", ServerKind.NACOS);
        }
        HttpResponse<String> up = awaitResponse(gatewayUrl + "/actuator/health", x -> x.statusCode() == 200);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"unitizeNacos\":{\"status\":\"UP\"");
    }
}
