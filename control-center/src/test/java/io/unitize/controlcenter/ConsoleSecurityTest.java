package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.config.ControlCenterConfigFailureAnalyzer;
import io.unitize.controlcenter.config.SecurityConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The console's and the API's door, without the sandbox (the store is an in-memory H2): the
 * sign-in page, one realm, CSRF refusals that say so, the Basic exemption that a remembering
 * browser cannot ride on, CSP and SameSite, throttled and audited failed sign-ins, and no startup
 * without a user who could sign in.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "Basic realm=\"Unitize control center\"";
    private static ConfigurableApplicationContext ctx;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

    @BeforeAll
    static void start() {
        ctx = run("security", "--unitize.control-center.security.bootstrap-users[1].username=locked-op",
                "--unitize.control-center.security.bootstrap-users[1].password=locked-secret-1");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    @Test
    void theSignInPageSaysWhatThisIsWhatToEnterAndWhereTheDemoPrintsThePassword() throws Exception {
        HttpResponse<String> page = send(get("/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sign in · Unitize control center</title>")
                .contains("Unitize <span class=\"sub\">control center</span>")
                .contains("id=\"username\"").contains("id=\"password\"")
                .contains("unitize.control-center.security.bootstrap-users")
                .contains("./deploy/demo.sh").contains("generated for").contains("no default password");
        assertThat(send(get("/login?error")).body()).contains("Wrong user name or password");
        assertThat(send(get("/login?locked")).body()).contains("Too many failed sign-ins");
    }

    @Test
    void every401NamesTheSameRealm() throws Exception {
        List<String> challenges = new ArrayList<>();
        for (HttpRequest r : List.of(get("/api/v1/rules"), basic(get("/api/v1/rules"), "op", "wrong-password-1"),
                json(get("/actuator/metrics")), basic(json(get("/actuator/metrics")), "op", "wrong-password-2"),
                json(get("/console/index.html")))) {
            HttpResponse<String> res = send(r);
            assertThat(res.statusCode()).as(r.uri() + ": " + res.body()).isEqualTo(401);
            challenges.add(res.headers().firstValue("WWW-Authenticate").orElse("(none)"));
        }
        assertThat(challenges).containsOnly(REALM);
    }

    @Test
    void aBrowserSessionWithoutTheCsrfTokenIsToldTheTokenIsMissing() throws Exception {
        String session = signIn("op", "op-secret-1");
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plans/dry-run")).header("Cookie", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(res.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://unitize.io/problems/csrf-token-missing");
        assertThat(problem.get("detail").asText()).contains("the CSRF token is missing").contains("X-CSRF-TOKEN")
                .doesNotContain("needs role");

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plans/dry-run")).header("Cookie", session)
                .header("X-CSRF-TOKEN", "not-the-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrong.body()).get("detail").asText()).contains("the CSRF token does not belong to this session");
    }

    @Test
    void basicCredentialsAloneDoNotExemptAFormLikeRequestFromCsrf() throws Exception {
        // what a browser that remembered the Basic credentials sends for a cross-site form: text/plain, no custom header
        HttpResponse<String> form = send(basic(HttpRequest.newBuilder(URI.create(base + "/api/v1/cutovers/some-id/abort"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")), "op", "op-secret-1"));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(403);
        assertThat(JSON.readTree(form.body()).get("detail").asText()).contains("the CSRF token is missing");
        // what a script sends: JSON, or any X-Requested-With
        HttpResponse<String> script = send(basic(HttpRequest.newBuilder(URI.create(base + "/api/v1/cutovers/some-id/abort"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), "op", "op-secret-1"));
        assertThat(script.statusCode()).as(script.body()).isEqualTo(404);
        HttpResponse<String> bodyless = send(basic(HttpRequest.newBuilder(URI.create(base + "/api/v1/cutovers/some-id/abort"))
                .header("X-Requested-With", "curl").POST(HttpRequest.BodyPublishers.noBody()), "op", "op-secret-1"));
        assertThat(bodyless.statusCode()).as(bodyless.body()).isEqualTo(404);
    }

    @Test
    void responsesCarryAContentSecurityPolicyAndTheSessionCookieIsSameSiteStrict() throws Exception {
        for (HttpRequest r : List.of(get("/login"), basic(get("/console/index.html"), "op", "op-secret-1"),
                basic(get("/api/v1/me"), "op", "op-secret-1"), get("/api/v1/rules"))) {
            assertThat(send(r).headers().firstValue("Content-Security-Policy")).as(r.uri().toString())
                    .contains(SecurityConfiguration.CONTENT_SECURITY_POLICY);
        }
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).contains("script-src 'self';").contains("frame-ancestors 'none'");
        HttpResponse<String> login = send(get("/login"));
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("SameSite=Strict").contains("HttpOnly");
    }

    @Test
    void repeatedFailedSignInsLockTheUserEvenWithTheRightPasswordAuditedAndLogged(CapturedOutput output) throws Exception {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> res = send(basic(get("/api/v1/me"), "locked-op", "wrong-" + i));
            assertThat(res.statusCode()).as("failure " + i).isEqualTo(401);
        }
        HttpResponse<String> right = send(basic(get("/api/v1/me"), "locked-op", "locked-secret-1"));
        assertThat(right.statusCode()).as(right.body()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(right.body()).get("detail").asText())
                .contains("too many failed sign-ins for user 'locked-op' (5 within 15 min)");
        // the console form says so too
        String[] login = loginForm();
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie", login[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "locked-op", "password", "locked-secret-1",
                        "_csrf", login[1])))).build());
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));

        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT outcome FROM audit_event WHERE operator = 'locked-op' AND action LIKE 'login%' ORDER BY id",
                String.class)).containsExactly("failed", "failed", "failed", "failed", "failed", "locked");
        assertThat(jdbc.queryForObject("SELECT target FROM audit_event WHERE operator = 'locked-op' AND action = 'login' "
                + "ORDER BY id LIMIT 1", String.class)).isEqualTo("from 127.0.0.1");
        assertThat(output.getOut()).contains("UNITIZE-CC-130 failed sign-in for user 'locked-op' from 127.0.0.1")
                .contains("UNITIZE-CC-131 sign-in locked user locked-op until");
        // another user from the same address still gets in
        assertThat(send(basic(get("/api/v1/me"), "op", "op-secret-1")).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailedSignInsFromOneAddressLockTheAddressForEveryUser() throws Exception {
        try (ConfigurableApplicationContext addr = run("security-address",
                "--unitize.control-center.security.login-throttle.max-failures-per-address=3")) {
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) addr).getWebServer().getPort() + "/api/v1/me";
            for (String user : List.of("mallory-1", "mallory-2", "mallory-3")) {
                assertThat(send(basic(HttpRequest.newBuilder(URI.create(url)), user, "guess-1")).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> op = send(basic(HttpRequest.newBuilder(URI.create(url)), "op", "op-secret-1"));
            assertThat(op.statusCode()).as(op.body()).isEqualTo(429);
            assertThat(JSON.readTree(op.body()).get("detail").asText()).contains("too many failed sign-ins from address 127.0.0.1");
            assertThat(addr.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'login.locked' AND target = 'address 127.0.0.1'", Integer.class))
                    .isEqualTo(1);
        }
    }

    @Test
    void startupFailsWithACodedReportWhenNobodyCouldEverSignIn() {
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(ControlCenterApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.datasource.url=jdbc:h2:mem:nobody;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1"));
        assertThat(t).as("startup must fail").isNotNull();
        Throwable root = t;
        while (root.getCause() != null && !(root instanceof ControlCenterConfigException)) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ControlCenterConfigException.class).hasMessageContaining("no user can sign in");
        FailureAnalysis analysis = new ControlCenterConfigFailureAnalyzer().analyze(t);
        assertThat(analysis.getDescription()).startsWith("UNITIZE-CC-003 no user can sign in");
        assertThat(analysis.getAction()).contains("unitize.control-center.security.bootstrap-users[0].username");
    }

    @Test
    void aUnitDatabaseWithoutCredentialsIsRefusedThereIsNoDefaultUserOrPassword() {
        Throwable t = catchThrowable(() -> run("nodbpassword", "--unitize.control-center.units.center.jdbc-url=jdbc:mariadb://127.0.0.1:1/",
                "--unitize.control-center.units.center.db-user=unitize"));
        assertThat(t).as("startup must fail").isNotNull();
        Throwable root = t;
        while (root.getCause() != null && !(root instanceof ControlCenterConfigException)) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ControlCenterConfigException.class).hasMessageContaining("there is no default password");
        assertThat(((ControlCenterConfigException) root).property()).isEqualTo("unitize.control-center.units.center.db-password");
    }

    private static ConfigurableApplicationContext run(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:" + name + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                "--unitize.control-center.units.center.nacos=127.0.0.1:1",
                "--unitize.control-center.security.bootstrap-users[0].username=op",
                "--unitize.control-center.security.bootstrap-users[0].password=op-secret-1"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ControlCenterApplication.class).run(args.toArray(String[]::new));
    }

    /** Signs in through the console's form; returns the session cookie ("JSESSIONID=…"). */
    private String signIn(String user, String password) throws Exception {
        String[] login = loginForm();
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie", login[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password, "_csrf", login[1]))))
                .build());
        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(res.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
        return sessionCookie(res);
    }

    /** GET /login: the session cookie and the CSRF token of its form. */
    private String[] loginForm() throws Exception {
        HttpResponse<String> page = send(get("/login"));
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return new String[]{sessionCookie(page), m.group(1)};
    }

    private static String sessionCookie(HttpResponse<?> res) {
        return res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.split(";", 2)[0])
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + res.headers().map()));
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).toList());
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private static HttpRequest json(HttpRequest r) {
        return HttpRequest.newBuilder(r, (k, v) -> true).header("Accept", "application/json").build();
    }

    private static HttpRequest basic(HttpRequest r, String user, String password) {
        return basic(HttpRequest.newBuilder(r, (k, v) -> true), user, password);
    }

    private static HttpRequest basic(HttpRequest.Builder r, String user, String password) {
        return r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8))).build();
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
