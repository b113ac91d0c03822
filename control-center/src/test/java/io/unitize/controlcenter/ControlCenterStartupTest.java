package io.unitize.controlcenter;

import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.config.ControlCenterConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Startup without the sandbox: the demo's zero-config store (H2) and configuration errors. */
class ControlCenterStartupTest {

    @Test
    void withoutUnitsStartupFailsNamingTheProperty() {
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(ControlCenterApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off", "--spring.datasource.url=jdbc:h2:mem:nounits;MODE=MariaDB"));
        Throwable root = t;
        while (root.getCause() != null && !(root instanceof ControlCenterConfigException)) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ControlCenterConfigException.class).hasMessageContaining("no units configured");
        FailureAnalysis analysis = new ControlCenterConfigFailureAnalyzer().analyze(t);
        assertThat(analysis.getDescription()).startsWith("UNITIZE-CC-003");
        assertThat(analysis.getAction()).contains("unitize.control-center.units.<code>.nacos");
    }

    @Test
    void theSchemaMigratesOnTheEmbeddedDemoStoreAndTheApiAnswers() throws Exception {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ControlCenterApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:demo;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1",
                "--unitize.control-center.security.bootstrap-users[0].username=op",
                "--unitize.control-center.security.bootstrap-users[0].password=op-secret-1")) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/rules"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("op:op-secret-1".getBytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no rules stored yet");
        }
    }

    @Test
    void aBootstrapUserWithAShortPasswordIsRefused() {
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(ControlCenterApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off", "--spring.datasource.url=jdbc:h2:mem:shortpw;MODE=MariaDB",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1",
                "--unitize.control-center.security.bootstrap-users[0].username=op",
                "--unitize.control-center.security.bootstrap-users[0].password=short"));
        assertThat(t).isInstanceOf(ControlCenterConfigException.class).hasMessageContaining("at least 8 characters");
        assertThat(((ControlCenterConfigException) t).property())
                .isEqualTo("unitize.control-center.security.bootstrap-users[0].password");
    }
}
