package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.UnitSandbox;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * One control center against the sandbox, isolated from the other tests by name: its own schema
 * in the center MariaDB, its own Nacos dataId and group (so its own agents).
 */
final class ControlCenterFixture implements AutoCloseable {

    static final String OPERATOR = "alice";
    static final String OPERATOR_PASSWORD = "alice-secret-1";
    static final String VIEWER = "victor";
    static final String VIEWER_PASSWORD = "victor-secret-1";
    static final ObjectMapper JSON = new ObjectMapper();

    final UnitSandbox sandbox;
    final String name;
    final Map<String, String> properties = new LinkedHashMap<>();
    private ConfigurableApplicationContext context;
    private String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ControlCenterFixture(UnitSandbox sandbox, String name) {
        this.sandbox = sandbox;
        this.name = name;
        SandboxUnit center = sandbox.center();
        properties.put("spring.datasource.url", center.jdbcUrl("unitize_cc_" + name.replace('-', '_'))
                + "?createDatabaseIfNotExist=true");
        properties.put("spring.datasource.username", center.dbUser());
        properties.put("spring.datasource.password", center.dbPassword());
        for (SandboxUnit u : sandbox.units()) {
            String p = "unitize.control-center.units." + u.code() + ".";
            properties.put(p + "nacos", u.nacosAddr());
            properties.put(p + "jdbc-url", u.jdbcUrl(""));
            properties.put(p + "db-user", u.dbUser());
            properties.put(p + "db-password", u.dbPassword());
            if (u.has(io.unitize.sandbox.ServerKind.ROCKETMQ)) {
                properties.put(p + "rocketmq-namesrv", u.namesrvAddr());
            }
        }
        properties.put("unitize.control-center.rules.data-id", dataId());
        properties.put("unitize.control-center.rules.group", group());
        properties.put("unitize.control-center.rules.reconcile-interval", "5s");
        properties.put("unitize.control-center.replay.topic", replayTopic());
        properties.put("unitize.control-center.security.bootstrap-users[0].username", OPERATOR);
        properties.put("unitize.control-center.security.bootstrap-users[0].password", OPERATOR_PASSWORD);
        properties.put("unitize.control-center.security.bootstrap-users[1].username", VIEWER);
        properties.put("unitize.control-center.security.bootstrap-users[1].password", VIEWER_PASSWORD);
        properties.put("unitize.control-center.security.bootstrap-users[1].roles[0]", "VIEWER");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
    }

    String dataId() {
        return "rules-" + name + ".json";
    }

    String group() {
        return "IT-" + name.toUpperCase();
    }

    String replayTopic() {
        return "UNITIZE_REPLAY_" + name.toUpperCase().replace('-', '_');
    }

    ControlCenterFixture set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    ControlCenterFixture start() {
        context = new SpringApplicationBuilder(ControlCenterApplication.class).run(args());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        baseUrl = "http://127.0.0.1:" + port;
        return this;
    }

    /** The properties as command-line arguments (they win over application.yml). */
    String[] args() {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Points the HTTP client at a control center running elsewhere (a child process). */
    ControlCenterFixture attach(String url) {
        this.baseUrl = url;
        return this;
    }

    String baseUrl() {
        return baseUrl;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The first rules: slots 0-4999 in center, 5000-9999 in unit-b. */
    static String initialRules(String reason) {
        return UnitRules.builder().version(1).author("bootstrap").reason(reason)
                .unit(io.unitize.core.UnitDefinition.of("center", io.unitize.core.UnitRole.CENTER))
                .unit(io.unitize.core.UnitDefinition.of("unit-b", io.unitize.core.UnitRole.UNIT))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build().toJson();
    }

    Response put(String path, String body) throws Exception {
        return send("PUT", path, body, OPERATOR, OPERATOR_PASSWORD);
    }

    Response post(String path, String body) throws Exception {
        return send("POST", path, body, OPERATOR, OPERATOR_PASSWORD);
    }

    Response get(String path) throws Exception {
        return send("GET", path, null, VIEWER, VIEWER_PASSWORD);
    }

    Response send(String method, String path, String body, String user, String password) throws Exception {
        return exchange(method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), JSON_HEADERS, user, password);
    }

    static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json",
            "Accept", "application/json, application/problem+json");

    /**
     * Any request: the body as given (null = none), headers as given (no Content-Type unless set).
     * (Not for Expect: 100-continue: the JDK 17 client hangs when the answer is not 100; see {@link #raw}.)
     */
    Response exchange(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers, String user,
                      String password) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .version(HttpClient.Version.HTTP_1_1).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(r::header);
        if (user != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body(), res.headers().firstValue("Location").orElse(null),
                res.headers().firstValue("Content-Type").orElse(null));
    }

    /**
     * Sends {@code request} as it is on a socket of its own and reads the answer until the server
     * closes or {@code maxBytes} arrived: the status line, headers and body as one text ("" if none).
     */
    String raw(String request, int maxBytes) throws Exception {
        URI base = URI.create(baseUrl);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; out.size() < maxBytes && (n = socket.getInputStream().read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
                // closed or silent after answering: what arrived is the answer
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Starts a cutover and waits until it has finished; returns its final state. */
    JsonNode runCutover(String planJson) throws Exception {
        Response started = post("/api/v1/cutovers", planJson);
        if (started.status() != 202) {
            throw new AssertionError("cutover not accepted: " + started);
        }
        return awaitFinished(started.json().get("id").asText());
    }

    JsonNode awaitFinished(String id) throws Exception {
        return await(() -> get("/api/v1/cutovers/" + id).json(),
                c -> c.has("status") && (c.get("status").asText().equals("DONE") || c.get("status").asText().equals("ROLLED_BACK")),
                Duration.ofSeconds(90));
    }

    /** The version in force in a unit's Nacos, read directly (not through the control center). */
    long nacosVersion(String unit) {
        try (RulesPublisher reader = RulesPublisher.builder().unit(unit, sandbox.unit(unit).nacosAddr()).dataId(dataId())
                .group(group()).build()) {
            return reader.current(unit).map(UnitRules::version).orElse(-1L);
        }
    }

    UnitRules latestRules() throws Exception {
        return UnitRules.fromJson(get("/api/v1/rules").body());
    }

    static void sql(SandboxUnit unit, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static <T> T await(Callable<T> call, Predicate<T> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = call.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
            }
            Thread.sleep(100);
            last = call.call();
        }
        return last;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    record Response(int status, String body, String location, String contentType) {

        JsonNode json() throws Exception {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
