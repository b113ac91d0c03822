package io.unitize.shop.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.shop.launch.GatewayLaunch;
import io.unitize.shop.launch.ShopLaunch;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop on the sandbox, as the demo runs it: one shop JVM per unit (a child process: Dubbo and
 * the rules subscriber are one per process) and the unit's real gateway (in this JVM) in front of it.
 * Rules v1: slots 0-4999 in center, 5000-9999 in unit-b.
 */
final class ShopUnits implements AutoCloseable {

    final UnitSandbox sandbox;
    final Map<String, Integer> gatewayPorts = new LinkedHashMap<>();
    final Map<String, Integer> shopPorts = new LinkedHashMap<>();
    private final List<Process> shops = new ArrayList<>();
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    /** The key both test gateways sign their hops with (every gateway needs one; see traffic-gateway-plugin's README). */
    private static final String HOP_SECRET = "shop-it-hop-key-" + java.util.UUID.randomUUID();
    /** The HS256 key of buyers' bearer tokens: the gateways route by the token's subject, the shops check it again. */
    static final String JWT_SECRET = "shop-it-jwt-key-" + java.util.UUID.randomUUID();
    final long firstVersion;
    /** A constant answer behind every gateway at {@code /echo/**}: the baseline of the load benchmark. */
    private com.sun.net.httpserver.HttpServer echo;
    private final java.util.concurrent.ExecutorService echoThreads = java.util.concurrent.Executors.newFixedThreadPool(4);
    /** More arguments for every shop process (an IT's own settings, e.g. a short unpaid-order timeout). */
    private final List<String> extraShopArgs = new ArrayList<>();

    private ShopUnits(UnitSandbox sandbox, long firstVersion) {
        this.sandbox = sandbox;
        this.firstVersion = firstVersion;
        for (SandboxUnit u : sandbox.units()) {
            gatewayPorts.put(u.code(), freePort());
            shopPorts.put(u.code(), freePort());
        }
    }

    /** Ports chosen, nothing started: {@link #rules} can be stored elsewhere (a control center) before {@link #start}. */
    static ShopUnits prepare(UnitSandbox sandbox, long firstVersion) {
        return new ShopUnits(sandbox, firstVersion);
    }

    /** Publishes the first rules itself, then starts everything. */
    static ShopUnits start(UnitSandbox sandbox, String... extraShopArgs) throws Exception {
        ShopUnits s = new ShopUnits(sandbox, Instant.now().getEpochSecond());
        try {
            s.publish(s.rules(s.firstVersion, 4999));
        } catch (io.unitize.core.StaleRulesException newerInForce) {
            // an earlier IT class of this JVM published later versions on the shared sandbox
            // (ShopAcrossUnitsIT goes 1,000 ahead): start above them
            s = new ShopUnits(sandbox, newerInForce.versionInForce() + 1);
            s.publish(s.rules(s.firstVersion, 4999));
        }
        s.extraShopArgs.addAll(List.of(extraShopArgs));
        return s.start();
    }

    /** Starts the shops and gateways (the rules must be in every unit's Nacos by now). */
    ShopUnits start() throws Exception {
        try {
            startAll();
            return this;
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else each answer waits ~40 ms for a delayed ACK
        echo = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 128);
        echo.setExecutor(echoThreads);
        echo.createContext("/", ex -> {
            try (ex) {
                byte[] body = "{\"echo\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        echo.start();
        for (SandboxUnit u : sandbox.units()) {
            u.createTopic("ORDER_EVENTS", 4);
            u.createTopic("UNITIZE_REPLAY", 1);
        }
        for (SandboxUnit u : sandbox.units()) {
            shops.add(startShop(u));
        }
        for (SandboxUnit u : sandbox.units()) {
            gateways.add(new SpringApplicationBuilder(UnitizeGatewayApplication.class).web(WebApplicationType.REACTIVE)
                    .run(gatewayArgs(u)));
        }
        for (SandboxUnit u : sandbox.units()) {
            awaitHttp("http://127.0.0.1:" + shopPorts.get(u.code()) + "/api/products", shops.get(index(u)), u.code());
        }
    }

    private int index(SandboxUnit u) {
        return sandbox.units().indexOf(u);
    }

    String gateway(String unit) {
        return "http://127.0.0.1:" + gatewayPorts.get(unit);
    }

    SandboxUnit unit(String code) {
        return sandbox.unit(code);
    }

    Connection db(String unit) throws Exception {
        SandboxUnit u = sandbox.unit(unit);
        return DriverManager.getConnection(u.jdbcUrl("shop"), u.dbUser(), u.dbPassword());
    }

    /** The first column of the first row (-1 when there is none) of a query on a unit's shop database. */
    long queryLong(String unit, String sql, Object... args) throws Exception {
        try (Connection c = db(unit); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Polls until the condition holds; fails naming it after {@code max}. */
    static void await(String what, Duration max, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + max + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    UnitRules rules(long version, int centerTo) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("shop-it").reason("shop IT");
        for (SandboxUnit u : sandbox.units()) {
            Map<String, String> endpoints = new java.util.LinkedHashMap<>(ShopLaunch.unitEndpoints(addresses(u)));
            endpoints.put("gateway", gateway(u.code()));
            b.unit(UnitDefinition.of(u.code(), u.isCenter() ? UnitRole.CENTER : UnitRole.UNIT, u.index(), endpoints));
        }
        return b.route(0, centerTo, "center").route(centerTo + 1, 9999, "unit-b").build();
    }

    void publish(UnitRules rules) {
        RulesPublisher.Builder b = RulesPublisher.builder();
        for (SandboxUnit u : sandbox.units()) {
            b.unit(u.code(), u.nacosAddr());
        }
        try (RulesPublisher p = b.build()) {
            p.publish(rules);
        }
    }

    private Process startShop(SandboxUnit u) throws IOException {
        Path home = Path.of("target", "shop-" + u.code()).toAbsolutePath();
        Files.createDirectories(home);
        List<ShopLaunch.UnitAddresses> all = new ArrayList<>();
        for (SandboxUnit o : sandbox.units()) {
            all.add(addresses(o));
        }
        List<String> args = new ArrayList<>(ShopLaunch.unitArgs(addresses(u), all, shopPorts.get(u.code()), home));
        args.add("--shop.jwt.secret=" + JWT_SECRET);
        args.addAll(extraShopArgs);
        List<String> cmd = ShopLaunch.command(shopClasspath(), home, args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("shop.log").toFile()).start();
    }

    /** The shop's runtime classpath (written by the build), not this test JVM's: a shop runs what it ships with. */
    static String shopClasspath() throws IOException {
        Path file = Path.of("target", "shop-runtime.classpath");
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(file).trim();
    }

    private ShopLaunch.UnitAddresses addresses(SandboxUnit u) {
        return new ShopLaunch.UnitAddresses(u.code(), u.isCenter(), u.index(), u.nacosAddr(), u.namesrvAddr(), u.dbPort(), u.dbUser(),
                u.dbPassword(), u.canalPort(), u.redisUri());
    }

    private String[] gatewayArgs(SandboxUnit u) {
        return GatewayLaunch.args(u.code(), u.nacosAddr(), gatewayPorts.get(u.code()), "shop-it", HOP_SECRET, JWT_SECRET, List.of(
                new GatewayLaunch.Route("echo", "http://127.0.0.1:" + echo.getAddress().getPort(), "/echo/**"),
                new GatewayLaunch.Route("shop", "http://127.0.0.1:" + shopPorts.get(u.code()), "/**"))).toArray(String[]::new);
    }

    private static void awaitHttp(String url, Process process, String unit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("shop of " + unit + " exited with " + process.exitValue() + "; see target/shop-" + unit + "/shop.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("Green tea")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("shop of " + unit + " not ready at " + url + "; see target/shop-" + unit + "/shop.log");
    }

    /** Below the ephemeral range, so an app stopped and started again on it finds it free. */
    static int freePort() {
        return io.unitize.sandbox.UnitSandbox.freePort();
    }

    /** Resident memory of the shop JVMs, MB (from /proc). */
    long shopResidentMegabytes() throws IOException {
        long kb = 0;
        for (Process p : shops) {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kb / 1024;
    }

    @Override
    public void close() {
        if (echo != null) {
            echo.stop(0);
        }
        echoThreads.shutdownNow();
        for (ConfigurableApplicationContext g : gateways) {
            g.close();
        }
        for (Process p : shops) {
            p.destroy();
        }
        for (Process p : shops) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
