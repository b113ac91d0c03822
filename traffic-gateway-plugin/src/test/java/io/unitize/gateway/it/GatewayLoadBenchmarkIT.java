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
 * Issue 9's figures: requests/s and p99 through a gateway with the Unitize filter vs the same
 * gateway application with the filter turned off, both proxying to the same loopback backend, in
 * alternating wrk runs (with, without, without, with, ...). wrk runs as its own process. Not part of
 * verify; run {@code traffic-gateway-plugin/bench/run.sh} (installs wrk). Writes bench/results/gateway.md.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.NACOS)
class GatewayLoadBenchmarkIT {

    private static final int ROUNDS = 10;
    private static final int SECONDS = 5;
    private static final String WRK = "wrk -t2 -c16 -d" + SECONDS + "s --latency -H 'X-Buyer-Id: 42'";

    record Run(double rps, double p50Ms, double p99Ms) {
    }

    @Test
    void throughputAndP99WithAndWithoutTheFilter(UnitSandbox sandbox) throws Exception {
        String channel = "gw-bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
        int withPort = Gateways.freePort();
        int withoutPort = Gateways.freePort();
        try (Backend backend = new Backend("center", Gateways.freePort());
             RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel)
                     .unit("center", sandbox.center().nacosAddr()).build()) {
            publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("bench").reason("gateway bench")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:" + withPort)))
                    .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:1")))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            ConfigurableApplicationContext with = Gateways.start(sandbox.center(), withPort, backend.port(), channel,
                    "--logging.level.root=WARN");
            ConfigurableApplicationContext without = Gateways.start(sandbox.center(), withoutPort, backend.port(), channel,
                    "--unitize.gateway.enabled=false", "--logging.level.root=WARN");
            try {
                String withUrl = "http://127.0.0.1:" + withPort + "/api/orders";
                String withoutUrl = "http://127.0.0.1:" + withoutPort + "/api/orders";
                for (int i = 0; i < 2; i++) { // warm-up: both sides, until the JIT has settled (throughput still climbs after 3 s)
                    wrk(withUrl, 10);
                    wrk(withoutUrl, 10);
                }
                List<Run> withRuns = new ArrayList<>();
                List<Run> withoutRuns = new ArrayList<>();
                StringBuilder rows = new StringBuilder();
                for (int r = 0; r < ROUNDS; r++) {
                    boolean withFirst = r % 2 == 0;
                    Run a = wrk(withFirst ? withUrl : withoutUrl, SECONDS);
                    Run b = wrk(withFirst ? withoutUrl : withUrl, SECONDS);
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
                double[] sortedDiff = p99Diff.clone();
                java.util.Arrays.sort(sortedDiff);
                double medianDiff = (sortedDiff[ROUNDS / 2 - 1] + sortedDiff[ROUNDS / 2]) / 2;
                String md = "# Gateway with vs without the Unitize filter\n\n"
                        + "- date: " + Instant.now() + "\n"
                        + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                        + "; wrk, both gateways and the backend share the same 2 cores\n"
                        + "- command: `traffic-gateway-plugin/bench/run.sh`\n"
                        + "- load: `" + WRK + "` (closed loop, its own process), " + ROUNDS + " rounds of " + SECONDS
                        + " s each side, alternating (with, without, without, with, ...), after 2 x 10 s of warm-up per side\n"
                        + "- with: the module's gateway application, unit center, filter on (buyer 42 is homed in center: the decision, "
                        + "the home headers, the local route); without: the same application with `unitize.gateway.enabled=false`; "
                        + "both proxy to the same JDK HTTP server backend\n\n"
                        + "| round | with req/s | with p99 ms | without req/s | without p99 ms | ratio | p99 added ms |\n"
                        + "|---|---|---|---|---|---|---|\n" + rows
                        + String.format("%nMean requests/s: with %,.0f, without %,.0f, **ratio %.3f** (target >= 0.95); mean of the per-round "
                        + "ratios %.3f. Median p99 added by the filter: **%+.2f ms** (target < 1 ms); the per-round p99 itself moves by "
                        + "several ms between rounds on this VM.%n", withRps, withoutRps, withRps / withoutRps,
                        java.util.stream.IntStream.range(0, ROUNDS).mapToDouble(i -> withRuns.get(i).rps() / withoutRuns.get(i).rps())
                                .average().orElseThrow(), medianDiff);
                Path out = Path.of("bench", "results", "gateway.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, md);
                System.out.println(md);
            } finally {
                with.close();
                without.close();
            }
        }
    }

    private static Run wrk(String url, int seconds) throws IOException, InterruptedException {
        String cmd = WRK.replace("-d" + SECONDS + "s", "-d" + seconds + "s") + " " + url;
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
