package io.unitize.demo;

import io.unitize.core.UnitRules;
import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo command: both units on real servers, the control center on them as its own process
 * (its durable embedded store in the run folder; supervised: killed, it is started again on that
 * store and resumes a RUNNING cutover), and per unit the real gateway (in this JVM) in front of the
 * shop (examples/shop, one JVM per unit: web API, orders, inventory, catalog, consumers). Prints
 * every address, the walkthrough and — last — the operator's login (also written to
 * {@code <base>/operator-login.txt}); Ctrl-C stops everything. Arguments: optional base folder
 * (default {@code target/unitize-demo}) and {@code --same-data}: start again on the last run's folder
 * and data (servers, the control center's store, the shops' tables) instead of a fresh one. The shop's and the control center's classpaths come from
 * the files named by the system properties {@code unitize.demo.shop-classpath} and
 * {@code unitize.demo.control-center-classpath} (demo.sh writes them).
 */
public final class DemoMain {

    /** The demo's operator; its password is generated for each run (a real installation configures its own users). */
    static final String OPERATOR = "operator";
    static final int CONTROL_CENTER_PORT = 8090;
    /** Each unit's real gateway (traffic-gateway-plugin); the unit's shop listens on the next port. Ports as in demo-rules-v1.json. */
    static final Map<String, Integer> GATEWAY_PORTS = Map.of("center", 18080, "unit-b", 28080);
    /** The key both demo gateways sign their hops with, generated for each run (a real installation configures its own). */
    static final String HOP_SECRET = generatedPassword() + generatedPassword() + generatedPassword();
    /** The HS256 key of buyers' bearer tokens (subject = buyer id), generated for each run: the gateways route by it, the shops check it. */
    static final String JWT_SECRET = generatedPassword() + generatedPassword() + generatedPassword();
    /** A buyer of unit-b under the first rules (slot 7042), moved to the center by the walkthrough's cutover of 7000-7999. */
    static final long WALKTHROUGH_BUYER = 7042;

    /** Argument: start again on the last run's folder and data instead of a fresh one. */
    static final String SAME_DATA = "--same-data";

    private DemoMain() {
    }

    /** The newest {@code run-*} folder under the sandbox's base (the run a restart continues). */
    static Path lastRun(Path sandboxBase) throws IOException {
        if (!Files.isDirectory(sandboxBase)) {
            throw new IllegalStateException("UNITIZE-DEMO-030 " + SAME_DATA + ": no earlier run under " + sandboxBase
                    + "; start the demo once without it");
        }
        try (var runs = Files.list(sandboxBase)) {
            return runs.filter(p -> p.getFileName().toString().startsWith("run-") && Files.isDirectory(p))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("UNITIZE-DEMO-030 " + SAME_DATA + ": no earlier run under " + sandboxBase
                            + "; start the demo once without it"));
        }
    }

    /** The operator's password of the earlier run: its user is in the control center's store, which never overwrites it. */
    static String previousPassword(Path base) throws IOException {
        Path file = base.resolve("operator-login.txt");
        String login = Files.isReadable(file) ? Files.readString(file).trim() : "";
        if (!login.startsWith(OPERATOR + ":")) {
            throw new IllegalStateException("UNITIZE-DEMO-031 " + SAME_DATA + ": " + file + " does not hold the earlier run's login ("
                    + OPERATOR + ":<password>); its control center store has that user");
        }
        return login.substring(OPERATOR.length() + 1);
    }

    public static void main(String[] args) throws Exception {
        boolean sameData = List.of(args).contains(SAME_DATA);
        List<String> rest = List.of(args).stream().filter(a -> !a.equals(SAME_DATA)).toList();
        Path base = Path.of(rest.isEmpty() ? "target/unitize-demo" : rest.get(0)).toAbsolutePath();
        String shopClasspath = classpath("unitize.demo.shop-classpath", "the shop's");
        String controlCenterClasspath = classpath("unitize.demo.control-center-classpath", "the control center's");
        UnitSandbox.Builder sandboxBuilder = UnitSandbox.builder().baseDir(base.resolve("sandbox"));
        String password;
        if (sameData) {
            Path previous = lastRun(base.resolve("sandbox"));
            System.out.println("unitize demo: starting again on the data of " + previous);
            sandboxBuilder.reuseRunDir(previous);
            password = previousPassword(base);
        } else {
            password = generatedPassword();
        }
        UnitSandbox sandbox = sandboxBuilder.build();
        // one orderly stop, whichever shutdown hook runs it: the sandbox closes what runs on it first (the last started
        // first), then its servers, the databases last with a clean SHUTDOWN (a reused run folder starts from it)
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "unitize-demo-stop"));
        long t0 = System.nanoTime();
        sandbox.start();
        Files.createDirectories(base);
        Path pidFile = base.resolve("control-center.pid");
        ControlCenterProcess cc = ControlCenterProcess.start(controlCenterClasspath, List.of(controlCenterArgs(sandbox, password)),
                CONTROL_CENTER_PORT, sandbox.runDir().resolve("control-center"), pidFile);
        sandbox.closeFirst(cc);
        cc.awaitReady(Duration.ofMinutes(3));
        cc.storeRules(OPERATOR + ":" + password, firstRulesJson(sandbox.units()), r -> withEndpoints(r, sandbox.units()));
        List<ShopProcess> shops = new ArrayList<>();
        for (SandboxUnit unit : sandbox.units()) {
            ShopProcess.prepare(unit);
        }
        for (SandboxUnit unit : sandbox.units()) {
            ShopProcess shop = ShopProcess.start(unit, sandbox.units(), GATEWAY_PORTS.get(unit.code()) + 1, shopClasspath,
                    sandbox.runDir().resolve(unit.code()).resolve("shop"), JWT_SECRET);
            sandbox.closeFirst(shop);
            shops.add(shop);
        }
        for (SandboxUnit unit : sandbox.units()) {
            int gatewayPort = GATEWAY_PORTS.get(unit.code());
            sandbox.closeFirst(new SpringApplicationBuilder(UnitizeGatewayApplication.class).web(WebApplicationType.REACTIVE)
                    .run(gatewayArgs(unit, gatewayPort)));
        }
        for (ShopProcess shop : shops) {
            shop.awaitReady(Duration.ofMinutes(4));
        }
        long shopMegabytes = 0;
        for (ShopProcess shop : shops) {
            shopMegabytes += shop.residentMegabytes();
        }
        StringBuilder out = new StringBuilder("\n==== Unitize demo is up (")
                .append(String.format("%.1f s; resident: servers %d MB, shops %d MB, control center %d MB, this JVM (gateways) %d MB",
                        (System.nanoTime() - t0) / 1e9, sandbox.residentMegabytes(), shopMegabytes, ShopProcess.residentMegabytes(cc.pid()),
                        ShopProcess.residentMegabytes(ProcessHandle.current().pid())))
                .append(") ====\n");
        for (SandboxUnit unit : sandbox.units()) {
            out.append("unit ").append(unit.code()).append(unit.isCenter() ? " (CENTER)" : " (UNIT)").append('\n');
            for (Map.Entry<String, String> e : unit.describe().entrySet()) {
                out.append(String.format("  %-9s %s%n", e.getKey(), e.getValue()));
            }
            out.append(String.format("  %-9s http://127.0.0.1:%d (behind the gateway http://127.0.0.1:%d), log %s%n", "shop",
                    GATEWAY_PORTS.get(unit.code()) + 1, GATEWAY_PORTS.get(unit.code()), shops.get(sandbox.units().indexOf(unit)).log()));
        }
        String login = OPERATOR + ":" + password;
        Path loginFile = base.resolve("operator-login.txt");
        Files.writeString(loginFile, login + "\n");
        Path jwtKeyFile = base.resolve("buyer-jwt-key.txt");
        Files.writeString(jwtKeyFile, JWT_SECRET + "\n");
        out.append("control center  http://127.0.0.1:").append(CONTROL_CENTER_PORT).append("  (console /console/, API /api/v1, /swagger-ui.html)\n")
                .append("                its own process, pid ").append(cc.pid()).append(" (also in ").append(pidFile).append("), log ").append(cc.log())
                .append(";\n                kill -9 it and the demo starts it again on its store (a RUNNING cutover resumes)\n")
                .append("gateways        center http://127.0.0.1:18080, unit-b http://127.0.0.1:28080 (buyer in header X-Buyer-Id,\n")
                .append("                cookie buyer_id, query buyerId, path /api/buyers/{id}/... or a bearer JWT: HS256, subject = buyer id,\n")
                .append("                key in ").append(jwtKeyFile).append("); hops between them are HMAC-signed\n")
                .append("data and logs   ").append(base).append('\n')
                .append("walkthrough     examples/shop/README.md, \"The demo\" (buyer ").append(WALKTHROUGH_BUYER)
                .append(" lives in unit-b; move slots 7000-7999 to center):\n")
                .append("  curl -s -H 'X-Buyer-Id: 7042' -H 'Content-Type: application/json' -d '{\"items\":[{\"productId\":1,\"quantity\":2}]}' http://127.0.0.1:18080/api/orders\n")
                .append("Press Ctrl-C to stop everything; ./deploy/demo.sh ").append(SAME_DATA)
                .append(" starts it again on this run's data (").append(sandbox.runDir().getFileName()).append(").\n")
                .append("operator login  ").append(login).append(sameData ? "   (the earlier run's, kept in the control center's store; also in " : "   (generated for this run; also in ").append(loginFile).append(")\n");
        System.out.println(out);
        stopped.await();
    }

    /** A process's classpath, from the file the system property names (demo.sh builds the modules and writes it). */
    private static String classpath(String property, String whose) throws IOException {
        String file = System.getProperty(property);
        if (file == null || !Files.isReadable(Path.of(file))) {
            throw new IllegalStateException("UNITIZE-DEMO-002 " + whose + " classpath file is missing (system property " + property + " = "
                    + file + "); start the demo with ./deploy/demo.sh, which builds the modules and writes it");
        }
        return Files.readString(Path.of(file)).trim();
    }

    /**
     * demo-rules-v1.json, stamped now: stored and published as version 1 through the control center's
     * REST API, so that the console has a slot map at once. The store lives in this run's folder, like
     * the servers' data: each demo run starts clean. Each unit's entry (code, role, index, gateway) gets
     * the endpoints of this run's servers ({@code rocketmq}, {@code redis.order-cache}: the ports are
     * chosen at start), the unit directory every agent reads them from.
     */
    static String firstRulesJson(List<SandboxUnit> units) {
        try (InputStream in = DemoMain.class.getResourceAsStream("/demo-rules-v1.json")) {
            UnitRules first = UnitRules.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return withEndpoints(first, units).toBuilder().updatedAt(Instant.now()).build().toJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rules} with each unit's endpoints set to this run's servers (the other fields as they are). */
    static UnitRules withEndpoints(UnitRules rules, List<SandboxUnit> units) {
        List<io.unitize.core.UnitDefinition> stamped = new ArrayList<>();
        for (io.unitize.core.UnitDefinition d : rules.units()) {
            java.util.Map<String, String> endpoints = new java.util.LinkedHashMap<>(d.endpoints());
            units.stream().filter(u -> u.code().equals(d.code())).findFirst()
                    .ifPresent(u -> endpoints.putAll(ShopProcess.unitEndpoints(u)));
            stamped.add(new io.unitize.core.UnitDefinition(d.code(), d.role(), d.index(), endpoints));
        }
        return rules.toBuilder().units(stamped).build();
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

    /** A unit's gateway: the module's application on the unit's Nacos, local route to the unit's shop. */
    static String[] gatewayArgs(SandboxUnit unit, int port) {
        return new String[]{
                "--spring.application.name=unitize-gateway-" + unit.code(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--unitize.unit=" + unit.code(), "--unitize.rules.server-addr=" + unit.nacosAddr(),
                "--unitize.rules.agent-kind=gateway", "--unitize.rules.initial-timeout=2s",
                "--unitize.gateway.buyer-id-sources[0]=header:X-Buyer-Id", "--unitize.gateway.buyer-id-sources[1]=cookie:buyer_id",
                "--unitize.gateway.buyer-id-sources[2]=query:buyerId", "--unitize.gateway.buyer-id-sources[3]=path:/api/buyers/{buyerId}/**",
                "--unitize.gateway.buyer-id-sources[4]=jwt:sub", "--unitize.gateway.jwt.secret=" + JWT_SECRET,
                "--unitize.gateway.hop.keys[0].id=demo", "--unitize.gateway.hop.keys[0].secret=" + HOP_SECRET,
                "--unitize.gateway.edge-freeze=true",
                "--spring.cloud.gateway.server.webflux.routes[0].id=shop",
                "--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:" + (port + 1),
                "--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**",
                // the demo JVM also holds the sandbox's and Spring Boot's servlet, security and JDBC classes: not for the gateways
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
                        + "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                // RocketMQ's client (control center) puts part of gRPC on the demo's classpath: SCG's JSON-to-gRPC filter would trip on it
                "--spring.cloud.gateway.server.webflux.filter.json-to-grpc.enabled=false",
                "--spring.cloud.gateway.filter.json-to-grpc.enabled=false",
                "--spring.jmx.enabled=false"};
    }

    static String[] controlCenterArgs(UnitSandbox sandbox, String password) {
        List<String> a = new ArrayList<>();
        a.add("--server.port=" + CONTROL_CENTER_PORT);
        a.add("--server.address=127.0.0.1");
        a.add("--spring.jmx.enabled=false");
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
        }
        return a.toArray(String[]::new);
    }
}
