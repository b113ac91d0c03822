package io.unitize.gateway.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.gateway.it.LoadDriver.Result;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Issue 25's gateway figures: plain Spring Cloud Gateway (the module's gateway application with
 * {@code unitize.gateway.enabled=false}) against the same application with the Unitize filter, on the
 * local path, the forward path (a signed hop to the other unit's gateway) and the JWT path. Per path:
 * plain SCG's capacity (closed-loop saturation, alternating with the filtered side: the capacity
 * ratio), then open-loop rounds at 50% and 80% of that capacity, alternating which side goes first,
 * then one overload round per side at twice the capacity (the status codes an overloaded gateway
 * answers). The load comes from {@link LoadDriver}, its own JVM. Not part of verify; run
 * {@code traffic-gateway-plugin/bench/run.sh}. Writes bench/results/gateway-open-loop.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.NACOS)
class GatewayOpenLoopBenchmarkIT {

    private static final int ROUNDS = Integer.getInteger("gw.bench.rounds", 4);
    private static final int SECONDS = Integer.getInteger("gw.bench.seconds", 8);
    private static final int SATURATION_ROUNDS = 3;
    private static final int SATURATION_SECONDS = 5;
    private static final int CONCURRENCY = 32;
    private static final int MAX_IN_FLIGHT = 1000;
    private static final String PATHS = System.getProperty("gw.bench.paths", "local,forward,jwt");
    private static final boolean PROFILE = Boolean.getBoolean("gw.bench.profile");
    private static final boolean OVERLOAD_ONLY = Boolean.getBoolean("gw.bench.overload-only");

    /** One path's two sides: the URL each is entered by and the request headers. */
    record Path2(String name, String title, String description, String plainUrl, String unitizeUrl, List<String> headers) {
    }

    @Test
    void openLoopAgainstPlainSpringCloudGateway(UnitSandbox sandbox) throws Exception {
        String channel = "gw-ol-" + Long.toHexString(System.nanoTime() & 0xffffff);
        int withPort = Gateways.freePort();
        int withoutPort = Gateways.freePort();
        int withBPort = Gateways.freePort();
        int withoutBPort = Gateways.freePort();
        int withoutAPort = Gateways.freePort();
        List<ConfigurableApplicationContext> gateways = new ArrayList<>();
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(channel + ".json").group(channel);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        String started = Instant.now().toString();
        String loadAtStart = BenchStats.loadAverage();
        try (Backend backend = new Backend("center", Gateways.freePort()); RulesPublisher publisher = pb.build();
             BenchDriverProcess driver = BenchDriverProcess.start()) {
            publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("bench").reason("gateway open-loop bench")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:" + withPort)))
                    .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:" + withBPort)))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            String quiet = "--logging.level.root=WARN";
            gateways.add(Gateways.start(sandbox.center(), withPort, backend.port(), channel, quiet));
            gateways.add(Gateways.start(sandbox.center(), withoutPort, backend.port(), channel, "--unitize.gateway.enabled=false", quiet));
            gateways.add(Gateways.start(sandbox.unit("unit-b"), withBPort, backend.port(), channel, quiet));
            gateways.add(Gateways.start(sandbox.unit("unit-b"), withoutBPort, backend.port(), channel, "--unitize.gateway.enabled=false", quiet));
            gateways.add(Gateways.start(sandbox.center(), withoutAPort, withoutBPort, channel, "--unitize.gateway.enabled=false", quiet));
            String token = jwt(42);
            List<Path2> paths = List.of(
                    new Path2("local", "Local path (buyer 42, homed in center, enters center's gateway)",
                            "unitize: buyer id from X-Buyer-Id, the decision, the home headers, the local route; plain: the local route",
                            url(withoutPort), url(withPort), List.of("X-Buyer-Id: 42")),
                    new Path2("forward", "Forward path, signed hop (buyer 5042, homed in unit-b, enters center's gateway)",
                            "unitize: center's gateway decides FORWARD, strips X-Unitize-*, signs the hop (HMAC-SHA256) and proxies to unit-b's "
                                    + "gateway, which strips, verifies signature, timestamp and nonce, decides LOCAL and proxies to the backend; "
                                    + "plain: two plain SCG applications, the first routing to the second by a plain route, the second to the backend",
                            url(withoutAPort), url(withPort), List.of("X-Buyer-Id: 5042")),
                    new Path2("jwt", "JWT path (buyer 42 as the `sub` of an HS256 bearer token, enters center's gateway)",
                            "unitize: the token's signature and expiry verified (nimbus-jose-jwt), the buyer read from `sub`, the decision, the "
                                    + "local route; plain: the same request (the header passed through unread) on the local route",
                            url(withoutPort), url(withPort), List.of("Authorization: Bearer " + token)));
            StringBuilder md = new StringBuilder();
            List<String> summaries = new ArrayList<>();
            for (Path2 p : paths) {
                if (!List.of(PATHS.split(",")).contains(p.name())) {
                    continue;
                }
                PathReport r = new PathRun(driver, p, ROUNDS, SECONDS, SATURATION_ROUNDS, SATURATION_SECONDS, CONCURRENCY, MAX_IN_FLIGHT).run();
                md.append(r.markdown());
                summaries.addAll(r.summary());
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "gateway-bench-partial.md"), md); // what is measured so far, should a later path fail
            }
            String header = "# Gateway, open loop: Unitize filter vs plain Spring Cloud Gateway\n\n"
                    + "- date: " + started + " to " + Instant.now() + "\n"
                    + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version") + "; the load driver (its own JVM), the five "
                    + "gateways (one JVM) and the backend (JDK HTTP server, same JVM) share these cores. **The machine was busy**: seven other "
                    + "engineers build and test on it; the run held both sandbox slots (no other benchmark or sandbox), but compiles ran. "
                    + "1-minute load average at start " + loadAtStart + ", per round in the tables\n"
                    + "- command: `traffic-gateway-plugin/bench/run.sh` (`GatewayOpenLoopBenchmarkIT`, rounds="
                    + ROUNDS + ", seconds=" + SECONDS + (OVERLOAD_ONLY ? ", overload rounds only" : "") + (PROFILE ? ", JFR profile" : "")
                    + "), at commit " + System.getProperty("gw.bench.commit", "?") + "\n"
                    + "- baseline: plain Spring Cloud Gateway = the module's gateway application with `unitize.gateway.enabled=false` (same "
                    + "JVM, same routes, same backend), measured in the same run: **baseline and Unitize side alternate**, round by round, "
                    + "which goes first alternating too, so drift of the machine hits both alike\n"
                    + "- capacity: closed loop, " + CONCURRENCY + " concurrent requests, " + SATURATION_ROUNDS + " x " + SATURATION_SECONDS
                    + " s per side, alternating; plain SCG's capacity = the median of its rounds; the Unitize side's saturation rounds give the "
                    + "capacity ratio\n"
                    + "- open loop: requests due at a fixed rate (50% and 80% of plain SCG's capacity on that path), " + ROUNDS + " rounds of "
                    + SECONDS + " s per side and rate; latency from the **due** time to the last byte of the answer (a late send counts its "
                    + "wait: no coordinated omission); at most " + MAX_IN_FLIGHT + " in flight (a due request beyond that is not sent and "
                    + "counted); HTTP/1.1 keep-alive, GET, one event-loop thread in the driver\n"
                    + "- ratio: answered-OK per second, Unitize / plain, per round; mean with a 95% confidence interval (Student t over the "
                    + "rounds); added latency: per-round difference (Unitize - plain), mean with 95% CI and median\n"
                    + "- overload: one round per side at 2x plain capacity, at most " + 4 * MAX_IN_FLIGHT + " in flight: which statuses "
                    + "come back\n\n"
                    + "## Summary\n\n" + String.join("\n", summaries) + "\n\n";
            Path out = Path.of("bench", "results", OVERLOAD_ONLY ? "gateway-overload.md" : "gateway-open-loop.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, header + md);
            System.out.println(header + md);
        } finally {
            for (ConfigurableApplicationContext g : gateways) {
                g.close();
            }
        }
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/api/orders";
    }

    private static String jwt(long buyer) throws Exception {
        SignedJWT t = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(Long.toString(buyer))
                .expirationTime(Date.from(Instant.now().plusSeconds(6 * 3600))).build());
        t.sign(new MACSigner(Gateways.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return t.serialize();
    }

    /** One path's markdown section and its summary lines. */
    record PathReport(String markdown, List<String> summary) {
    }

    /** Runs one path's phases through the driver. */
    private record PathRun(BenchDriverProcess driver, Path2 p, int rounds, int seconds, int satRounds, int satSeconds, int concurrency,
                           int maxInFlight) {

        PathReport run() throws Exception {
            StringBuilder md = new StringBuilder("## " + p.title() + "\n\n" + p.description() + "\n\n");
            List<String> summary = new ArrayList<>();
            if (OVERLOAD_ONLY) {
                return overloadOnly(md);
            }
            for (int i = 0; i < 2; i++) { // warm-up: the JIT of both sides (and of the driver)
                driver.closed("warmup-plain", concurrency, 8, p.plainUrl(), p.headers());
                driver.closed("warmup-unitize", concurrency, 8, p.unitizeUrl(), p.headers());
            }
            md.append("### Capacity (closed loop, ").append(concurrency).append(" concurrent)\n\n")
                    .append("| round | plain req/s | plain p99 ms | unitize req/s | unitize p99 ms | ratio | load |\n|---|---|---|---|---|---|---|\n");
            List<Double> plainCap = new ArrayList<>();
            List<Double> capRatio = new ArrayList<>();
            for (int r = 0; r < satRounds; r++) {
                Result[] pair = alternate(r, () -> driver.closed("sat-plain", concurrency, satSeconds, p.plainUrl(), p.headers()),
                        () -> driver.closed("sat-unitize", concurrency, satSeconds, p.unitizeUrl(), p.headers()));
                plainCap.add(pair[0].okPerSecond());
                capRatio.add(pair[1].okPerSecond() / pair[0].okPerSecond());
                md.append(String.format("| %d | %,.0f | %.2f | %,.0f | %.2f | %.3f | %s |%n", r + 1, pair[0].okPerSecond(), pair[0].p99() / 1e3,
                        pair[1].okPerSecond(), pair[1].p99() / 1e3, capRatio.get(r), BenchStats.loadAverage()));
            }
            double capacity = BenchStats.median(plainCap);
            md.append(String.format("%nPlain SCG capacity on this path: **%,.0f req/s** (median of %d rounds); capacity ratio unitize/plain: "
                    + "%s%n%n", capacity, satRounds, BenchStats.meanCi(capRatio, "%.3f")));
            summary.add(String.format("- **%s**: plain SCG capacity %,.0f req/s; capacity ratio (closed loop) %s", p.name(), capacity,
                    BenchStats.meanCi(capRatio, "%.3f")));
            for (double share : new double[] {0.5, 0.8}) {
                double rate = Math.floor(capacity * share);
                md.append(String.format("### Open loop at %.0f%% of plain capacity: %,.0f req/s offered%n%n", share * 100, rate))
                        .append("| round | first | plain OK/s | plain p50 ms | plain p99 ms | unitize OK/s | unitize p50 ms | unitize p99 ms "
                                + "| ratio | added p50 ms | added p99 ms | failed (plain / unitize) | load |\n"
                                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                List<Double> ratio = new ArrayList<>();
                List<Double> addP50 = new ArrayList<>();
                List<Double> addP99 = new ArrayList<>();
                List<Double> plainP50 = new ArrayList<>();
                List<Double> plainP99 = new ArrayList<>();
                List<Double> uniP50 = new ArrayList<>();
                List<Double> uniP99 = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    Result[] pair = alternate(r, () -> driver.open("ol-plain", rate, seconds, maxInFlight, p.plainUrl(), p.headers()),
                            () -> driver.open("ol-unitize", rate, seconds, maxInFlight, p.unitizeUrl(), p.headers()));
                    Result pl = pair[0];
                    Result un = pair[1];
                    ratio.add(un.okPerSecond() / pl.okPerSecond());
                    addP50.add((un.p50() - pl.p50()) / 1e3);
                    addP99.add((un.p99() - pl.p99()) / 1e3);
                    plainP50.add(pl.p50() / 1e3);
                    plainP99.add(pl.p99() / 1e3);
                    uniP50.add(un.p50() / 1e3);
                    uniP99.add(un.p99() / 1e3);
                    md.append(String.format("| %d | %s | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.3f | %+.2f | %+.2f | %d / %d | %s |%n", r + 1,
                            r % 2 == 0 ? "plain" : "unitize", pl.okPerSecond(), pl.p50() / 1e3, pl.p99() / 1e3, un.okPerSecond(), un.p50() / 1e3,
                            un.p99() / 1e3, ratio.get(r), addP50.get(r), addP99.get(r), pl.failed(), un.failed(), BenchStats.loadAverage()));
                }
                String line = String.format("throughput ratio %s; p50 plain %.2f ms / unitize %.2f ms, added %s (median %+.2f); "
                                + "p99 plain %.2f ms / unitize %.2f ms, added %s (median %+.2f) — medians of the rounds for the sides",
                        BenchStats.meanCi(ratio, "%.3f"), BenchStats.median(plainP50), BenchStats.median(uniP50), BenchStats.meanCi(addP50, "%+.2f"),
                        BenchStats.median(addP50), BenchStats.median(plainP99), BenchStats.median(uniP99), BenchStats.meanCi(addP99, "%+.2f"),
                        BenchStats.median(addP99));
                md.append("\n").append(line).append("\n\n");
                summary.add(String.format("- **%s at %.0f%%** (%,.0f req/s): %s", p.name(), share * 100, rate, line));
            }
            if (PROFILE && !p.name().equals("local")) {
                md.append(profile());
            }
            overload(md, capacity);
            return new PathReport(md.toString(), summary);
        }

        /** A short warm-up, plain capacity from one closed-loop round, the overload rounds (the statuses an overloaded gateway answers). */
        private PathReport overloadOnly(StringBuilder md) throws Exception {
            driver.closed("warmup-plain", concurrency, 8, p.plainUrl(), p.headers());
            driver.closed("warmup-unitize", concurrency, 8, p.unitizeUrl(), p.headers());
            double capacity = driver.closed("sat-plain", concurrency, satSeconds, p.plainUrl(), p.headers()).okPerSecond();
            md.append(String.format("Plain SCG capacity (one closed-loop round of %d s): %,.0f req/s%n%n", satSeconds, capacity));
            overload(md, capacity);
            return new PathReport(md.toString(), List.of(String.format("- **%s**: overload rounds only (capacity %,.0f req/s)", p.name(),
                    capacity)));
        }

        private void overload(StringBuilder md, double capacity) throws Exception {
            double over = Math.floor(capacity * 2);
            md.append(String.format("### Overload: %,.0f req/s offered (2x plain capacity), one round per side%n%n", over))
                    .append("| side | OK/s | p50 ms | p99 ms | not sent | statuses and errors | first error |\n|---|---|---|---|---|---|---|\n");
            for (boolean plain : new boolean[] {true, false}) {
                Result o = driver.open(plain ? "over-plain" : "over-unitize", over, seconds, 4 * maxInFlight, plain ? p.plainUrl() : p.unitizeUrl(),
                        p.headers());
                md.append(String.format("| %s | %,.0f | %.1f | %.1f | %d | %s | %s |%n", plain ? "plain" : "unitize", o.okPerSecond(), o.p50() / 1e3,
                        o.p99() / 1e3, o.notSent(), o.statuses(), o.sampleError() == null ? "-" : o.sampleError()));
            }
            md.append("\n");
        }

        /** JFR of this JVM (forward and JWT paths) during one closed-loop phase per side (the gateways and the backend; the driver is another JVM). */
        private String profile() throws Exception {
            Map<String, String> groups = new java.util.LinkedHashMap<>();
            groups.put("Unitize filter", "io.unitize.gateway.scg.UnitRoutingGlobalFilter.filter");
            groups.put("hop header stripper", "io.unitize.gateway.scg.HopHeaderStripper.filter");
            groups.put("strict framing", "io.unitize.gateway.scg.StrictHttpFramingHandler");
            groups.put("hop sign", "io.unitize.gateway.HopAuthenticator.sign");
            groups.put("hop verify", "io.unitize.gateway.HopAuthenticator.verify");
            groups.put("HMAC", "javax.crypto.Mac.doFinal");
            groups.put("Caffeine", "com.github.benmanes.caffeine");
            groups.put("UriComponentsBuilder", "org.springframework.web.util.UriComponentsBuilder");
            groups.put("request mutate", "org.springframework.http.server.reactive.DefaultServerHttpRequestBuilder");
            groups.put("SCG NettyRoutingFilter", "org.springframework.cloud.gateway.filter.NettyRoutingFilter.filter");
            groups.put("reactor-netty pool acquire", "reactor.netty.resources.PooledConnectionProvider");
            groups.put("logging", "ch.qos.logback");
            groups.put("JDK HTTP server (backend)", "sun.net.httpserver");
            groups.put("epoll wait", "io.netty.channel.epoll.Native.epollWait");
            groups.put("JWT verify (nimbus)", "com.nimbusds.jwt.proc.DefaultJWTProcessor.process");
            groups.put("JCA Mac.getInstance", "javax.crypto.Mac.getInstance");
            StringBuilder md = new StringBuilder("### Profile of the " + p.name() + " path (JFR, 10 s closed loop per side)\n\n");
            md.append(JfrProfile.around("plain SCG, " + p.name() + " path", Path.of("target", "jfr", p.name() + "-plain.jfr"),
                    () -> driver.closed("jfr-plain", concurrency, 10, p.plainUrl(), p.headers()), groups));
            md.append(JfrProfile.around("Unitize, " + p.name() + " path", Path.of("target", "jfr", p.name() + "-unitize.jfr"),
                    () -> driver.closed("jfr-unitize", concurrency, 10, p.unitizeUrl(), p.headers()), groups));
            return md.toString();
        }

        /** Round r: plain first when r is even. Returns {plain, unitize}. */
        private static Result[] alternate(int r, BenchDriverProcess.Call plain, BenchDriverProcess.Call unitize) throws Exception {
            if (r % 2 == 0) {
                Result a = plain.call();
                return new Result[] {a, unitize.call()};
            }
            Result b = unitize.call();
            return new Result[] {plain.call(), b};
        }
    }
}
