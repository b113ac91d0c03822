package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.unitize.core.Fixtures;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: what one acknowledgement round costs, and by which path. Per round the center's rules
 * are published once; four agents (real {@link RulesSubscriber}s, each with its own Nacos clients)
 * apply them and report; from the same start the benchmark times, in the same round, when every
 * agent's version is visible (a) in its naming-instance metadata (a naming query, as before the
 * acknowledgement items), (b) in its {@code ack.<agentId>} config item (config listeners), and (c)
 * through {@link AgentDirectory#liveAgents()} (what the control center waits on: the higher of
 * both). Run it once with the sandbox's tuned push delay and once with Nacos' stock one:
 * <pre>
 * ./mvnw -B -pl unit-core -am verify -Dtest=NoSuchTest -Dit.test=AckLatencyBenchmarkIT -Dunitize.bench=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * ./mvnw ... (the same) -Dunitize.sandbox.nacos.push-task-delay=500   (only the Nacos servers get it)
 * </pre>
 * Writes {@code unit-core/bench/results/ack-latency-<push delay>ms.md}.
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
@SandboxServers(ServerKind.NACOS)
class AckLatencyBenchmarkIT {

    private static final int AGENTS = 4;
    private static final int ROUNDS = Integer.getInteger("unitize.bench.rounds", 40);
    private static final long POLL_MS = 5;
    private static final String PUSH_DELAY = "nacos.naming.push.pushTaskDelay";

    @Test
    void acknowledgementRounds(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        String delay = center.nacosSetting(PUSH_DELAY).orElse("unknown");
        String channel = "bench-acks-" + Long.toHexString(System.nanoTime() & 0xffffff);
        List<AutoCloseable> close = new ArrayList<>();
        try {
            RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel)
                    .unit(center.code(), center.nacosAddr()).build();
            close.add(publisher);
            long version = 1;
            publisher.publish(Fixtures.twoUnits(version).build());
            List<RulesSubscriber> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                RulesSubscriber s = RulesSubscriber.builder().serverAddr(center.nacosAddr()).unit(center.code()).agentKind("bench-" + i)
                        .dataId(channel + ".json").group(channel).reportIp("127.0.0.1").build().start();
                close.add(s);
                agents.add(s);
            }
            Properties p = new Properties();
            p.setProperty("serverAddr", center.nacosAddr());
            NamingService naming = NacosFactory.createNamingService(p);
            close.add(naming::shutDown);
            ConfigService config = NacosFactory.createConfigService(p);
            close.add(config::shutDown);
            Map<String, Long> items = new ConcurrentHashMap<>();
            for (RulesSubscriber s : agents) {
                String id = s.agentId();
                String first = config.getConfigAndSignListener("ack." + id, RulesChannel.ACKS_GROUP, 3_000, new AbstractListener() {
                    @Override
                    public void receiveConfigInfo(String content) {
                        items.put(id, parse(content));
                    }
                });
                items.putIfAbsent(id, parse(first));
            }
            AgentDirectory directory = AgentDirectory.connect(center.code(), center.nacosAddr(), null, channel);
            close.add(directory);

            List<Long> applied = new ArrayList<>();
            List<Long> metadata = new ArrayList<>();
            List<Long> item = new ArrayList<>();
            List<Long> listed = new ArrayList<>();
            for (int round = 0; round < ROUNDS + 3; round++) {
                version++;
                final long v = version;
                long t0 = System.nanoTime();
                publisher.publish(Fixtures.twoUnits(v).build());
                long tApplied = -1;
                long tMeta = -1;
                long tItem = -1;
                long tListed = -1;
                long deadline = t0 + 15_000_000_000L;
                while (tApplied < 0 || tMeta < 0 || tItem < 0 || tListed < 0) {
                    assertThat(System.nanoTime()).as("round " + round + ": every path saw version " + v + " within 15 s").isLessThan(deadline);
                    long now = System.nanoTime();
                    if (tApplied < 0 && agents.stream().allMatch(s -> s.appliedVersion() >= v)) {
                        tApplied = now;
                    }
                    if (tItem < 0 && agents.stream().allMatch(s -> items.getOrDefault(s.agentId(), -1L) >= v)) {
                        tItem = now;
                    }
                    if (tMeta < 0 && metadataVersions(naming, channel).values().stream().filter(x -> x >= v).count() == AGENTS) {
                        tMeta = System.nanoTime();
                    }
                    if (tListed < 0 && directory.liveAgents().stream().filter(a -> a.appliedVersion() >= v).count() == AGENTS) {
                        tListed = System.nanoTime();
                    }
                    Thread.sleep(POLL_MS);
                }
                if (round >= 3) { // the first rounds warm the clients up
                    applied.add((tApplied - t0) / 1_000_000);
                    metadata.add((tMeta - t0) / 1_000_000);
                    item.add((tItem - t0) / 1_000_000);
                    listed.add((tListed - t0) / 1_000_000);
                }
                Thread.sleep(200 + (round * 37L) % 150); // rounds do not line up with Nacos' 100 ms task ticks
            }
            write(delay, applied, metadata, item, listed);
        } finally {
            for (int i = close.size() - 1; i >= 0; i--) {
                close.get(i).close();
            }
        }
    }

    private static Map<String, Long> metadataVersions(NamingService naming, String group) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Instance i : naming.selectInstances(RulesChannel.AGENTS_SERVICE, group, true, false)) {
            AgentStatus a = AppliedVersionReporter.parse(i);
            out.put(a.agentId(), a.appliedVersion());
        }
        return out;
    }

    private static long parse(String content) {
        try {
            return content == null ? -1 : Long.parseLong(content.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(String delay, List<Long> applied, List<Long> metadata, List<Long> item, List<Long> listed) throws Exception {
        StringBuilder md = new StringBuilder("# Acknowledgement round: naming metadata vs config item\n\n");
        md.append("- date: ").append(Instant.now()).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.arch")).append(", JDK ").append(System.getProperty("java.version"))
                .append("; load average at the end (1/5/15 min): ").append(io.unitize.sandbox.BenchFacts.loadAverage()).append('\n');
        String tool = System.getenv("JAVA_TOOL_OPTIONS");
        md.append("- command: `").append(tool == null || tool.isBlank() ? "" : "JAVA_TOOL_OPTIONS='" + tool + "' ")
                .append("./mvnw -B -pl unit-core -am verify -Dtest=NoSuchTest -Dit.test=AckLatencyBenchmarkIT -Dunitize.bench=true"
                        + (System.getProperty(io.unitize.sandbox.UnitSandbox.NACOS_PUSH_TASK_DELAY) == null ? ""
                        : " -D" + io.unitize.sandbox.UnitSandbox.NACOS_PUSH_TASK_DELAY + "="
                        + System.getProperty(io.unitize.sandbox.UnitSandbox.NACOS_PUSH_TASK_DELAY))
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false`\n");
        md.append("- Nacos push delay (`").append(PUSH_DELAY).append("`, read from the running server): ").append(delay).append(" ms\n");
        md.append("- per round: the center's rules published once (t0); ").append(AGENTS)
                .append(" agents (real RulesSubscribers in one JVM, each with its own Nacos clients) apply and report; polled every ")
                .append(POLL_MS).append(" ms from t0 in the same round: every agent applied; every agent's version in its naming-instance ")
                .append("metadata (a naming query, the path before the items); in its `ack.<agentId>` item (config listeners); through ")
                .append("`AgentDirectory.liveAgents()` (what the control center waits on: the higher of both)\n");
        md.append("- rounds: ").append(applied.size()).append(" (after 3 warm-up rounds), 200-350 ms apart\n\n");
        md.append("| t0 -> every agent's version visible | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        row(md, "applied by the agents (the rules push)", applied);
        row(md, "in the naming metadata (the old path)", metadata);
        row(md, "in the `ack.<agentId>` items", item);
        row(md, "through AgentDirectory (the control center)", listed);
        List<Long> saved = new ArrayList<>();
        for (int i = 0; i < metadata.size(); i++) {
            saved.add(metadata.get(i) - listed.get(i));
        }
        md.append("\nPer round, metadata minus directory (what the items save a round): p50 ").append(pct(saved, 50)).append(" ms, p10 ")
                .append(pct(saved, 10)).append(" ms, p90 ").append(pct(saved, 90)).append(" ms.\n\n");
        md.append("Raw (ms per round: applied / metadata / item / directory): ");
        for (int i = 0; i < applied.size(); i++) {
            md.append(applied.get(i)).append('/').append(metadata.get(i)).append('/').append(item.get(i)).append('/').append(listed.get(i)).append(' ');
        }
        md.append('\n');
        Path out = Path.of("bench", "results", "ack-latency-" + delay + "ms.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static void row(StringBuilder md, String name, List<Long> v) {
        md.append("| ").append(name).append(" | ").append(pct(v, 50)).append(" | ").append(pct(v, 90)).append(" | ").append(pct(v, 99))
                .append(" | ").append(pct(v, 100)).append(" |\n");
    }

    private static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
