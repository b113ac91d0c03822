package io.unitize.gateway.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9's figures, and issue 17's re-measurement with the authenticated forward path:
 * requests/s and p99 through gateways with the Unitize filter vs the same gateway application with
 * the filter turned off, on the local path (one gateway) and the forward path (two gateways, a
 * signed hop), in alternating wrk runs (with, without, without, with, ...). wrk runs as its own process. Not part of
 * verify; run {@code traffic-gateway-plugin/bench/run.sh} (installs wrk). Writes bench/results/gateway.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.NACOS)
class GatewayLoadBenchmarkIT {

    private static final int ROUNDS = 8;
    private static final int SECONDS = 5;
    private static final String WRK = "wrk -t2 -c16 -d" + SECONDS + "s --latency";

    record Run(double rps, double p50Ms, double p99Ms) {
    }

    /** One side-by-side comparison: its table rows and its summary line. */
    record Comparison(String rows, String summary) {
    }

    @Test
    void throughputAndP99WithAndWithoutTheFilter(UnitSandbox sandbox) throws Exception {
        String channel = "gw-bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
        int withPort = Gateways.freePort();
        int withoutPort = Gateways.freePort();
        int withBPort = Gateways.freePort();
        int withoutBPort = Gateways.freePort();
        List<ConfigurableApplicationContext> gateways = new ArrayList<>();
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(channel + ".json").group(channel);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        try (Backend backend = new Backend("center", Gateways.freePort()); RulesPublisher publisher = pb.build()) {
            publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("bench").reason("gateway bench")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:" + withPort)))
                    .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:" + withBPort)))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            // local path: one gateway with the filter vs the same application without it, both to the backend
            gateways.add(Gateways.start(sandbox.center(), withPort, backend.port(), channel, "--logging.level.root=WARN"));
            gateways.add(Gateways.start(sandbox.center(), withoutPort, backend.port(), channel, "--unitize.gateway.enabled=false",
                    "--logging.level.root=WARN"));
            // forward path: center's gateway forwards (signed hop) to unit-b's gateway, which verifies and serves locally; without
            // the filter: the same two proxies chained by a plain route
            gateways.add(Gateways.start(sandbox.unit("unit-b"), withBPort, backend.port(), channel, "--logging.level.root=WARN"));
            gateways.add(Gateways.start(sandbox.unit("unit-b"), withoutBPort, backend.port(), channel, "--unitize.gateway.enabled=false",
                    "--logging.level.root=WARN"));
            int withoutAPort = Gateways.freePort();
            gateways.add(Gateways.start(sandbox.center(), withoutAPort, withoutBPort, channel, "--unitize.gateway.enabled=false",
                    "--logging.level.root=WARN"));
            String local = "-H 'X-Buyer-Id: 42'";
            String remote = "-H 'X-Buyer-Id: 5042'";
            Comparison localPath = compare("http://127.0.0.1:" + withPort + "/api/orders", "http://127.0.0.1:" + withoutPort + "/api/orders", local);
            Comparison forwardPath = compare("http://127.0.0.1:" + withPort + "/api/orders", "http://127.0.0.1:" + withoutAPort + "/api/orders",
                    remote);
            String md = "# Gateway with vs without the Unitize filter\n\n"
                    + "- date: " + Instant.now() + "\n"
                    + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                    + "; wrk, the gateways and the backend share the same cores (a shared machine: other work may run)\n"
                    + "- command: `traffic-gateway-plugin/bench/run.sh`\n"
                    + "- load: `" + WRK + "` (closed loop, its own process), " + ROUNDS + " rounds of " + SECONDS
                    + " s each side, alternating (with, without, without, with, ...), after 2 x 10 s of warm-up per side\n"
                    + "- both sides run the module's gateway application, all in one JVM; without = `unitize.gateway.enabled=false`; "
                    + "every path ends at the same JDK HTTP server backend\n\n"
                    + "## Local path (buyer 42, homed in center, enters center's gateway)\n\n"
                    + "with: the decision, the home headers, the local route; without: the local route\n\n"
                    + "| round | with req/s | with p99 ms | without req/s | without p99 ms | ratio | p99 added ms |\n"
                    + "|---|---|---|---|---|---|---|\n" + localPath.rows() + "\n" + localPath.summary() + "\n\n"
                    + "## Forward path, authenticated hop (buyer 5042, homed in unit-b, enters center's gateway)\n\n"
                    + "with: center's gateway decides FORWARD, strips X-Unitize-*, signs the hop (HMAC-SHA256) and proxies to unit-b's "
                    + "gateway, which strips, verifies the signature, timestamp and nonce, decides LOCAL and proxies to the backend; "
                    + "without: the same two gateway applications with the filter off, the first routing to the second by a plain route\n\n"
                    + "| round | with req/s | with p99 ms | without req/s | without p99 ms | ratio | p99 added ms |\n"
                    + "|---|---|---|---|---|---|---|\n" + forwardPath.rows() + "\n" + forwardPath.summary() + "\n";
            Path out = Path.of("bench", "results", "gateway.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md);
            System.out.println(md);
        } finally {
            for (ConfigurableApplicationContext g : gateways) {
                g.close();
            }
        }
    }

    private static Comparison compare(String withUrl, String withoutUrl, String header) throws Exception {
        for (int i = 0; i < 2; i++) { // warm-up: both sides, until the JIT has settled (throughput still climbs after 3 s)
            wrk(withUrl, header, 10);
            wrk(withoutUrl, header, 10);
        }
        List<Run> withRuns = new ArrayList<>();
        List<Run> withoutRuns = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < ROUNDS; r++) {
            boolean withFirst = r % 2 == 0;
            Run a = wrk(withFirst ? withUrl : withoutUrl, header, SECONDS);
            Run b = wrk(withFirst ? withoutUrl : withUrl, header, SECONDS);
            Run w = withFirst ? a : b;
            Run wo = withFirst ? b : a;
            withRuns.add(w);
            withoutRuns.add(wo);
            rows.append(String.format("| %d | %,.0f | %.2f | %,.0f | %.2f | %.3f | %+.2f |%n", r + 1, w.rps(), w.p99Ms(), wo.rps(),
                    wo.p99Ms(), w.rps() / wo.rps(), w.p99Ms() - wo.p99Ms()));
        }
        double withRps = withRuns.stream().mapToDouble(Run::rps).average().orElseThrow();
        double withoutRps = withoutRuns.stream().mapToDouble(Run::rps).average().orElseThrow();
        double[] p99Diff = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            p99Diff[i] = withRuns.get(i).p99Ms() - withoutRuns.get(i).p99Ms();
        }
        java.util.Arrays.sort(p99Diff);
        double medianDiff = (p99Diff[ROUNDS / 2 - 1] + p99Diff[ROUNDS / 2]) / 2;
        String summary = String.format("Mean requests/s: with %,.0f, without %,.0f, **ratio %.3f** (target >= 0.95); mean of the per-round "
                + "ratios %.3f. Median p99 added by the filter: **%+.2f ms** (target < 1 ms); the per-round p99 itself moves by "
                + "several ms between rounds on this VM.", withRps, withoutRps, withRps / withoutRps,
                java.util.stream.IntStream.range(0, ROUNDS).mapToDouble(i -> withRuns.get(i).rps() / withoutRuns.get(i).rps())
                        .average().orElseThrow(), medianDiff);
        return new Comparison(rows.toString(), summary);
    }

    private static Run wrk(String url, String header, int seconds) throws IOException, InterruptedException {
        String cmd = WRK.replace("-d" + SECONDS + "s", "-d" + seconds + "s") + " " + header + " " + url;
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (install it: apt-get install wrk): " + out);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher p50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        Matcher p99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!rps.find() || !p50.find() || !p99.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("the gateway answered errors under load: " + out);
        }
        return new Run(Double.parseDouble(rps.group(1)), ms(p50), ms(p99));
    }

    private static double ms(Matcher m) {
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
