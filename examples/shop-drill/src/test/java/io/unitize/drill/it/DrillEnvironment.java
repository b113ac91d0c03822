package io.unitize.drill.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.drill.Checker;
import io.unitize.drill.ControlCenterClient;
import io.unitize.drill.ControlCenterLauncher;
import io.unitize.drill.UnitEndpoint;
import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.shop.launch.GatewayLaunch;
import io.unitize.shop.launch.ShopLaunch;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The drill's system, once per test JVM: the sandbox's two units, the control center as its OWN
 * process (durable embedded store, SIGKILL-able, restarted on the same port and store), one shop
 * process per unit and the unit's real gateway (in this JVM) in front of it. Rules v1: slots
 * 0-4999 in center, 5000-9999 in unit-b.
 */
final class DrillEnvironment implements ExtensionContext.Store.CloseableResource {

    static final String OPERATOR = "operator";
    static final String PASSWORD = "drill-" + UUID.randomUUID();
    /** The control center's bounds in the drill (shorter than the defaults, so a fault scenario ends soon). */
    static final Map<String, String> CUTOVER_BOUNDS = Map.of("publish-timeout", "10s", "freeze-ack-timeout", "8s",
            "sync-timeout", "10s", "switch-ack-timeout", "10s", "replay-timeout", "30s"); // replay: the product's default, after the switch
    /** publish + freeze-ack + 2 x sync, the control center's default rule. */
    static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(38);
    private static final String HOP_SECRET = "drill-hop-key-" + UUID.randomUUID();

    final UnitSandbox sandbox;
    final ControlCenterLauncher cc;
    final ControlCenterClient api;
    final Map<String, Integer> gatewayPorts = new LinkedHashMap<>();
    final Map<String, Integer> shopPorts = new LinkedHashMap<>();
    final Map<String, Process> shops = new LinkedHashMap<>();
    final Map<String, ConfigurableApplicationContext> gateways = new LinkedHashMap<>();
    final long firstVersion = 1;

    private static DrillEnvironment shared;

    static synchronized DrillEnvironment shared(UnitSandbox sandbox) throws Exception {
        if (shared == null) {
            DrillEnvironment e = new DrillEnvironment(sandbox);
            try {
                e.start();
            } catch (Exception | AssertionError x) {
                e.close();
                throw x;
            }
            shared = e;
            if (DrillExtension.root != null) {
                DrillExtension.root.getStore(ExtensionContext.Namespace.create(DrillEnvironment.class)).put("env", e);
            }
        }
        return shared;
    }

    private DrillEnvironment(UnitSandbox sandbox) throws IOException {
        this.sandbox = sandbox;
        for (SandboxUnit u : sandbox.units()) {
            gatewayPorts.put(u.code(), freePort());
            shopPorts.put(u.code(), freePort());
        }
        List<String> a = new ArrayList<>(List.of(
                "--unitize.control-center.store.directory=" + Path.of("target", "drill-cc-store-" + System.nanoTime()).toAbsolutePath(),
                "--unitize.control-center.security.bootstrap-users[0].username=" + OPERATOR,
                "--unitize.control-center.security.bootstrap-users[0].password=" + PASSWORD,
                "--unitize.control-center.security.bootstrap-users[0].roles[0]=OPERATOR",
                "--unitize.control-center.rules.reconcile-interval=5s",
                // the classpath also holds the gateway's and the shop's stacks: not for a control center
                "--spring.cloud.gateway.server.webflux.enabled=false",
                "--spring.autoconfigure.exclude=org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration",
                "--dubbo.enabled=false", "--spring.jmx.enabled=false", "--spring.main.banner-mode=off",
                // ... nor the shop's Spring Cloud Alibaba discovery (the control center is no service of a unit's Nacos)
                "--spring.cloud.nacos.discovery.enabled=false", "--spring.cloud.service-registry.auto-registration.enabled=false"));
        CUTOVER_BOUNDS.forEach((k, v) -> a.add("--unitize.control-center.cutover." + k + "=" + v));
        for (SandboxUnit u : sandbox.units()) {
            String p = "--unitize.control-center.units." + u.code() + ".";
            a.add(p + "nacos=" + u.nacosAddr());
            a.add(p + "jdbc-url=" + u.jdbcUrl(""));
            a.add(p + "db-user=" + u.dbUser());
            a.add(p + "db-password=" + u.dbPassword());
        }
        String cp = Files.readString(Path.of("target", "test-runtime.classpath")).trim();
        cc = new ControlCenterLauncher(cp, a, Path.of("target", "drill-cc").toAbsolutePath(), freePort());
        api = new ControlCenterClient(cc::url, OPERATOR, PASSWORD);
    }

    private void start() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        cc.start(Duration.ofSeconds(180));
        ControlCenterClient.Answer stored = api.send("PUT", "/api/v1/rules", baseRules().toJson());
        if (stored.status() != 200) {
            throw new AssertionError("first rules not stored: " + stored);
        }
        for (SandboxUnit u : sandbox.units()) {
            u.createTopic("ORDER_EVENTS", 4);
            u.createTopic("UNITIZE_REPLAY", 1);
        }
        for (SandboxUnit u : sandbox.units()) {
            shops.put(u.code(), startShop(u));
        }
        for (SandboxUnit u : sandbox.units()) {
            gateways.put(u.code(), new SpringApplicationBuilder(UnitizeGatewayApplication.class).web(WebApplicationType.REACTIVE)
                    .initializers(DrillEnvironment::ownNettyResources).run(gatewayArgs(u)));
        }
        for (SandboxUnit u : sandbox.units()) {
            awaitHttp("http://127.0.0.1:" + shopPorts.get(u.code()) + "/api/products", shops.get(u.code()), u.code());
            awaitHttp(gateway(u.code()) + "/api/products", shops.get(u.code()), u.code());
        }
        readiness = new Readiness(gateways(), List.of(Readiness.WARM_UP_BUYERS + 1_000, Readiness.WARM_UP_BUYERS + 6_000))
                .await(Duration.ofSeconds(300));
    }

    /**
     * Both gateways run in this JVM (in production each is its own process). By default each context's
     * {@code ReactorResourceFactory} uses Reactor Netty's JVM-wide loops and connection pool and disposes
     * them when the context closes, so closing unit-b's gateway ("unit lost") broke a request the
     * center's gateway had in flight to the center's shop (UNITIZE-GW-032, PrematureCloseException, at
     * the very millisecond of the loss, seventh full drill). Each gateway gets resources of its own.
     */
    private static void ownNettyResources(org.springframework.context.ConfigurableApplicationContext ctx) {
        ((org.springframework.context.support.GenericApplicationContext) ctx).registerBean(
                org.springframework.http.client.ReactorResourceFactory.class, () -> {
                    org.springframework.http.client.ReactorResourceFactory f = new org.springframework.http.client.ReactorResourceFactory();
                    f.setUseGlobalResources(false);
                    return f;
                });
    }

    /** What the readiness check took (the drill's warm-up: not counted by any scenario). */
    String readiness;
    boolean readinessReported;

    UnitRules baseRules() {
        UnitRules.Builder b = UnitRules.builder().version(firstVersion).updatedAt(Instant.now()).author("drill").reason("drill: first rules");
        for (SandboxUnit u : sandbox.units()) {
            // units[] is the unit directory: each unit's index and its endpoints (gateway, RocketMQ name
            // server, the order-cache Redis) are read from here by the shops and the control center
            Map<String, String> endpoints = new LinkedHashMap<>(ShopLaunch.unitEndpoints(addresses(u)));
            endpoints.put("gateway", gateway(u.code()));
            b.unit(UnitDefinition.of(u.code(), u.isCenter() ? UnitRole.CENTER : UnitRole.UNIT, u.index(), endpoints));
        }
        return b.route(0, 4999, "center").route(5000, 9999, "unit-b").build();
    }

    String gateway(String unit) {
        return "http://127.0.0.1:" + gatewayPorts.get(unit);
    }

    List<String> gateways() {
        return sandbox.units().stream().map(u -> gateway(u.code())).toList();
    }

    List<UnitEndpoint> endpoints() {
        return sandbox.units().stream().map(u -> new UnitEndpoint(u.code(), u.jdbcUrl("shop"), u.dbUser(), u.dbPassword(),
                u.dbServerId(), u.redisUri())).toList();
    }

    Checker checker() {
        return new Checker(endpoints(), Duration.ofSeconds(90));
    }

    /** SIGKILLs the control center from outside, then starts it again on the same port and store. */
    void restartControlCenter() throws Exception {
        cc.start(Duration.ofSeconds(180));
    }

    private Process startShop(SandboxUnit u) throws IOException {
        Path home = Path.of("target", "drill-shop-" + u.code()).toAbsolutePath();
        Files.createDirectories(home);
        List<ShopLaunch.UnitAddresses> all = new ArrayList<>();
        for (SandboxUnit o : sandbox.units()) {
            all.add(addresses(o));
        }
        String cp = Files.readString(Path.of("target", "shop-runtime.classpath")).trim();
        List<String> args = new ArrayList<>(ShopLaunch.unitArgs(addresses(u), all, shopPorts.get(u.code()), home));
        // the drill's orders stay PLACED for the whole drill (an hour for the full one): an unpaid order
        // cancelled by its timeout inside a later scenario would be an effect no scenario caused
        args.add("--shop.orders.unpaid-timeout=24h");
        List<String> cmd = ShopLaunch.command(cp, home, args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("shop.log").toFile()).start();
    }

    private static ShopLaunch.UnitAddresses addresses(SandboxUnit u) {
        return new ShopLaunch.UnitAddresses(u.code(), u.isCenter(), u.index(), u.nacosAddr(), u.namesrvAddr(), u.dbPort(), u.dbUser(),
                u.dbPassword(), u.canalPort(), u.redisUri());
    }

    private String[] gatewayArgs(SandboxUnit u) {
        return GatewayLaunch.args(u.code(), u.nacosAddr(), gatewayPorts.get(u.code()), "drill", HOP_SECRET, null,
                List.of(new GatewayLaunch.Route("shop", "http://127.0.0.1:" + shopPorts.get(u.code()), "/**"))).toArray(String[]::new);
    }

    private static void awaitHttp(String url, Process process, String unit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("shop of " + unit + " exited with " + process.exitValue() + "; see target/drill-shop-" + unit + "/shop.log");
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
        throw new AssertionError(unit + " not ready at " + url + "; see target/drill-shop-" + unit + "/shop.log");
    }

    /** Below the ephemeral range: a shop, gateway or control center killed and restarted on it finds it free. */
    static int freePort() {
        return UnitSandbox.freePort();
    }

    /** Stops a unit's shop and gateway (the "unit lost" scenario). */
    void stopUnitServices(String unit) throws InterruptedException {
        ConfigurableApplicationContext g = gateways.remove(unit);
        if (g != null) {
            g.close();
        }
        Process p = shops.remove(unit);
        if (p != null) {
            p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext g : gateways.values()) {
            g.close();
        }
        for (Process p : shops.values()) {
            p.destroy();
        }
        for (Process p : shops.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try {
            cc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (DrillEnvironment.class) {
            shared = null;
        }
    }

    static String classpathOf(Path file) throws IOException {
        return Files.readString(file).trim() + File.pathSeparator;
    }
}
