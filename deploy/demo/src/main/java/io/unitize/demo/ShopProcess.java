package io.unitize.demo;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.shop.launch.ShopLaunch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One unit's shop (examples/shop) as a child process of the demo, stopped by its PID. */
final class ShopProcess implements AutoCloseable {

    private final String unit;
    private final Process process;
    private final int port;
    private final Path log;

    private ShopProcess(String unit, Process process, int port, Path log) {
        this.unit = unit;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * What the shop expects in a unit before it starts: its topics on the unit's broker (its Redis and name
     * server are the unit's endpoints in units[] of the first rules, {@link DemoMain#firstRulesJson}).
     */
    static void prepare(SandboxUnit unit) throws Exception {
        unit.createTopic("ORDER_EVENTS", 4);
        unit.createTopic("UNITIZE_REPLAY", 1);
    }

    static ShopProcess start(SandboxUnit self, List<SandboxUnit> units, int port, String classpath, Path home, String jwtSecret)
            throws IOException {
        Files.createDirectories(home);
        List<ShopLaunch.UnitAddresses> all = new ArrayList<>();
        for (SandboxUnit u : units) {
            all.add(addresses(u));
        }
        Path log = home.resolve("shop.log");
        List<String> args = new ArrayList<>(ShopLaunch.unitArgs(addresses(self), all, port, home));
        args.add("--shop.jwt.secret=" + jwtSecret); // checks buyers' bearer tokens too, with the gateways' key
        Process p = new ProcessBuilder(ShopLaunch.command(classpath, home, args))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ShopProcess(self.code(), p, port, log);
    }

    /**
     * The endpoints the shop reads from unit {@code u}'s entry in units[] ({@link ShopLaunch#unitEndpoints}:
     * its name server, its Redis), of the servers this sandbox runs (a test may start fewer).
     */
    static java.util.Map<String, String> unitEndpoints(SandboxUnit u) {
        java.util.Map<String, String> e = new java.util.LinkedHashMap<>();
        if (u.has(ServerKind.ROCKETMQ)) {
            e.put(ShopLaunch.ROCKETMQ_ENDPOINT, u.namesrvAddr());
        }
        if (u.has(ServerKind.REDIS)) {
            e.put(ShopLaunch.REDIS_ENDPOINT, u.redisUri());
        }
        return e;
    }

    private static ShopLaunch.UnitAddresses addresses(SandboxUnit u) {
        return new ShopLaunch.UnitAddresses(u.code(), u.isCenter(), u.index(), u.nacosAddr(), u.namesrvAddr(), u.dbPort(), u.dbUser(),
                u.dbPassword(), u.canalPort(), u.redisUri());
    }

    /** Ready when its catalog answers (in unit-b: once the center's products have replicated there). */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("UNITIZE-DEMO-011 the shop of " + unit + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"id\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("UNITIZE-DEMO-012 the shop of " + unit + " was not ready in " + timeout + "; see " + log);
    }

    Path log() {
        return log;
    }

    long residentMegabytes() {
        return residentMegabytes(process.pid());
    }

    /** VmRSS of a process, from /proc (0 where that is not readable). */
    static long residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
