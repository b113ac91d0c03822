package io.unitize.demo;

import io.unitize.controlcenter.ControlCenterApplication;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo command: both units on real servers, the control center on them (its store in an
 * embedded H2 file: zero configuration), and one demo agent per unit that applies and
 * acknowledges every rules version. Prints every address and the operator's login; Ctrl-C
 * stops everything. Arguments: optional base folder (default {@code target/unitize-demo}).
 */
public final class DemoMain {

    /** The demo's operator; its password is generated for each run (a real installation configures its own users). */
    static final String OPERATOR = "operator";
    static final int CONTROL_CENTER_PORT = 8090;
    /** Stand-ins for the enforcement modules, so that the console's acknowledgements are live. */
    static final List<String> DEMO_AGENT_KINDS = List.of("demo-rpc", "demo-db-guard");
    /** Each unit's real gateway (traffic-gateway-plugin) and the demo backend behind it; ports as in demo-rules-v1.json. */
    static final Map<String, Integer> GATEWAY_PORTS = Map.of("center", 18080, "unit-b", 28080);
    /** The key both demo gateways sign their hops with, generated for each run (a real installation configures its own). */
    static final String HOP_SECRET = generatedPassword() + generatedPassword() + generatedPassword();

    private DemoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path base = Path.of(args.length > 0 ? args[0] : "target/unitize-demo").toAbsolutePath();
        UnitSandbox sandbox = UnitSandbox.builder().baseDir(base.resolve("sandbox")).build();
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            sandbox.close();
            stopped.countDown();
        }, "unitize-demo-stop"));
        long t0 = System.nanoTime();
        sandbox.start();
        String password = generatedPassword();
        ConfigurableApplicationContext cc = new SpringApplicationBuilder(ControlCenterApplication.class)
                .run(controlCenterArgs(sandbox, password));
        running.add(cc);
        storeFirstRules(cc.getBean(RulesAuthority.class));
        for (SandboxUnit unit : sandbox.units()) {
            int gatewayPort = GATEWAY_PORTS.get(unit.code());
            running.add(DemoBackend.start(unit.code(), gatewayPort + 1));
            running.add(new SpringApplicationBuilder(UnitizeGatewayApplication.class).web(WebApplicationType.REACTIVE)
                    .run(gatewayArgs(unit, gatewayPort)));
            for (String kind : DEMO_AGENT_KINDS) {
                running.add(RulesSubscriber.builder().serverAddr(unit.nacosAddr()).unit(unit.code()).agentKind(kind)
                        .initialTimeout(Duration.ofSeconds(2)).reportIp("127.0.0.1").build().start());
            }
        }
        StringBuilder out = new StringBuilder("\n==== Unitize demo is up (")
                .append(String.format("%.1f s, %d MB resident in the servers", (System.nanoTime() - t0) / 1e9,
                        sandbox.residentMegabytes()))
                .append(") ====\n");
        for (SandboxUnit unit : sandbox.units()) {
            out.append("unit ").append(unit.code()).append(unit.isCenter() ? " (CENTER)" : " (UNIT)").append('\n');
            for (Map.Entry<String, String> e : unit.describe().entrySet()) {
                out.append(String.format("  %-9s %s%n", e.getKey(), e.getValue()));
            }
        }
        out.append("control center  http://127.0.0.1:").append(CONTROL_CENTER_PORT)
                .append("  (operator: ").append(OPERATOR).append(" / ").append(password).append(", generated for this run)\n")
                .append("  console         http://127.0.0.1:").append(CONTROL_CENTER_PORT).append("/console/\n")
                .append("  API description http://127.0.0.1:").append(CONTROL_CENTER_PORT).append("/swagger-ui.html\n")
                .append("  try it: control-center/README.md, \"Run a cutover with curl\"\n")
                .append("gateways        center http://127.0.0.1:18080, unit-b http://127.0.0.1:28080 (buyer in header X-Buyer-Id,\n")
                .append("                cookie buyer_id, query buyerId or path /api/buyers/{id}/...), e.g.\n")
                .append("                curl -i -H 'X-Buyer-Id: 7042' http://127.0.0.1:18080/api/orders   (answered by unit-b)\n")
                .append("demo backends   127.0.0.1:18081 (center), 127.0.0.1:28081 (unit-b): test backends that answer anyone on this\n")
                .append("                machine without the gateway's checks; a real unit's services are reachable only from its gateway\n")
                .append("demo agents     ").append(DEMO_AGENT_KINDS).append(" in each unit, acknowledging every rules version\n")
                .append("data and logs   ").append(base).append('\n')
                .append("Press Ctrl-C to stop everything.\n");
        System.out.println(out);
        stopped.await();
    }

    /** The store lives in this run's folder, like the servers' data: each demo run starts clean. */
    /** Stores and publishes demo-rules-v1.json as version 1, so that the console has a slot map at once. */
    static void storeFirstRules(RulesAuthority rules) {
        try (InputStream in = DemoMain.class.getResourceAsStream("/demo-rules-v1.json")) {
            UnitRules first = UnitRules.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            rules.store(first.toBuilder().updatedAt(Instant.now()).build());
            rules.publishLatest(Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String generatedPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A unit's gateway: the module's application on the unit's Nacos, local route to the unit's demo backend. */
    static String[] gatewayArgs(SandboxUnit unit, int port) {
        return new String[]{
                "--spring.application.name=unitize-gateway-" + unit.code(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--unitize.unit=" + unit.code(), "--unitize.rules.server-addr=" + unit.nacosAddr(),
                "--unitize.rules.agent-kind=gateway", "--unitize.rules.initial-timeout=2s",
                "--unitize.gateway.buyer-id-sources[0]=header:X-Buyer-Id", "--unitize.gateway.buyer-id-sources[1]=cookie:buyer_id",
                "--unitize.gateway.buyer-id-sources[2]=query:buyerId", "--unitize.gateway.buyer-id-sources[3]=path:/api/buyers/{buyerId}/**",
                "--unitize.gateway.hop.keys[0].id=demo", "--unitize.gateway.hop.keys[0].secret=" + HOP_SECRET,
                "--spring.cloud.gateway.server.webflux.routes[0].id=local",
                "--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:" + (port + 1),
                "--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**",
                // the demo JVM also holds the control center's servlet, security and JDBC stack: not for the gateways
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
                        + "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                // RocketMQ's client (control center) puts part of gRPC on the demo's classpath: SCG's JSON-to-gRPC filter would trip on it
                "--spring.cloud.gateway.server.webflux.filter.json-to-grpc.enabled=false",
                "--spring.cloud.gateway.filter.json-to-grpc.enabled=false",
                "--management.server.port=-1", "--spring.jmx.enabled=false"};
    }

    static String[] controlCenterArgs(UnitSandbox sandbox, String password) {
        List<String> a = new ArrayList<>();
        a.add("--server.port=" + CONTROL_CENTER_PORT);
        // the demo JVM also holds the gateways' Spring Cloud Gateway: not for the control center (a servlet application)
        a.add("--spring.cloud.gateway.server.webflux.enabled=false");
        a.add("--spring.autoconfigure.exclude=org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration");
        a.add("--unitize.control-center.store.directory=" + sandbox.runDir().resolve("control-center"));
        a.add("--unitize.control-center.security.bootstrap-users[0].username=" + OPERATOR);
        a.add("--unitize.control-center.security.bootstrap-users[0].password=" + password);
        for (SandboxUnit u : sandbox.units()) {
            String p = "--unitize.control-center.units." + u.code() + ".";
            a.add(p + "nacos=" + u.nacosAddr());
            if (u.has(ServerKind.MARIADB)) {
                a.add(p + "jdbc-url=" + u.jdbcUrl(""));
                a.add(p + "db-user=" + u.dbUser());
                a.add(p + "db-password=" + u.dbPassword());
            }
            if (u.has(ServerKind.ROCKETMQ)) {
                a.add(p + "rocketmq-namesrv=" + u.namesrvAddr());
            }
        }
        return a.toArray(String[]::new);
    }
}
