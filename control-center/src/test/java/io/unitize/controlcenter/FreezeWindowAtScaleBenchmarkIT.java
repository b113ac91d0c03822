package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.AgentDirectory;
import io.unitize.core.nacos.AgentStatus;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.sandbox.BenchFacts;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static io.unitize.controlcenter.ControlCenterFixture.await;

/**
 * The freeze window at scale (issue #25): three units, 100 rules subscribers in a few agent processes,
 * a rules document of 10,000 ranges (every slot its own route, the units in turn), 2,000 rows/s written
 * at a fixed arrival rate into the three units' MariaDB (replicating every way), then cutovers of one
 * slot back and forth through the control center's API, and the AppActive-style baseline (publish the
 * freeze, sleep 3 s, publish the switch) on the same servers with as many subscribers. Not part of
 * {@code verify}; it starts a sandbox of its own (Nacos, MariaDB, RocketMQ in center, unit-b, unit-c):
 * <pre>./mvnw -B -o -pl control-center -am verify -Dtest=NoSuchTest -Dit.test=FreezeWindowAtScaleBenchmarkIT -Dunitize.bench=true
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false [-Dunitize.sandbox.nacos.push-task-delay=500]</pre>
 * Options: {@code unitize.bench.cutovers} (20), {@code unitize.bench.baseline} (10), {@code unitize.bench.subscribers}
 * (100), {@code unitize.bench.agentProcesses} (6), {@code unitize.bench.writeRate} (2000 rows/s), {@code unitize.bench.ranges}
 * (10,000), {@code unitize.bench.sharedClientLimit} (false: each agent JVM gets {@code -DlimitTime=5 x its subscribers},
 * see {@link #NACOS_CLIENT_LIMIT_PER_SECOND}), {@code unitize.bench.agentHeapMbPerSubscriber} (32, see
 * {@link #AGENT_HEAP_MB_PER_SUBSCRIBER}), {@code unitize.bench.agentJfr} (false: a JFR recording of agent process 0,
 * {@code target/bench-scale-agents/<phase>-0.jfr}, for {@code control-center/bench/agent-profile.py}), {@code unitize.bench.out}
 * (default {@code freeze-window-at-scale-<push delay read from the running servers>ms.md}).
 *
 * <p>One slot moves because a move of several slots would merge them into one route and shrink the document:
 * with one, it keeps 10,000 ranges (9,999 while the slot is away).
 */
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
class FreezeWindowAtScaleBenchmarkIT {

    static final List<String> UNITS = List.of("center", "unit-b", "unit-c");
    static final String PUSH_DELAY = BenchFacts.NACOS_PUSH_DELAY;
    /** The slot that moves: 6000 % 3 == 0, so its home is the center; it goes to unit-c and back. */
    static final int SLOT = 6000;
    static final String AWAY = "unit-c";
    static final String HOME = "center";
    /** A write is late when it starts more than this after its due time, missed (not written) after MISSED_MILLIS. */
    static final long LATE_MILLIS = 100;
    static final long MISSED_MILLIS = 1000;
    static final String AGENT_JVM_OPTIONS = "-Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
            + "-XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m";
    /**
     * Heap per subscriber of an agent process (MB; the young generation gets three quarters of it, the
     * process 128 MB more). One publication of the 10,000-range document makes about 20 MB of garbage per
     * subscriber, and the subscribers of a process take it at the same moment: the first runs' fixed 256 MB
     * heap for 17 of them spent 67 of 177 s in GC pauses (a JFR recording of one agent process,
     * 2026-12-04), which one agent per process with an application's heap never does. 0 gives those
     * first runs' {@code -Xms16m -Xmx256m}.
     */
    static final int AGENT_HEAP_MB_PER_SUBSCRIBER = Integer.getInteger("unitize.bench.agentHeapMbPerSubscriber", 32);

    /** The heap options of an agent process of {@code count} subscribers (see {@link #AGENT_HEAP_MB_PER_SUBSCRIBER}). */
    static List<String> agentHeap(int count) {
        if (AGENT_HEAP_MB_PER_SUBSCRIBER <= 0) {
            return List.of("-Xms16m", "-Xmx256m");
        }
        int young = AGENT_HEAP_MB_PER_SUBSCRIBER * count * 3 / 4;
        int heap = 128 + AGENT_HEAP_MB_PER_SUBSCRIBER * count;
        return List.of("-Xms" + heap + "m", "-Xmx" + heap + "m", "-Xmn" + young + "m");
    }
    /**
     * The Nacos client's own rate limit: at most {@value} identical requests per second per JVM (its static
     * {@code Limiter}, property {@code limitTime}, keyed by the request's class and JSON without headers). The
     * subscribers of one agent process send identical listen checks for each publication, so packed into one JVM
     * they would share one such budget, which one agent per process never does: each agent JVM gets
     * {@code limitTime} = this times its subscribers, so that each subscriber keeps the stock client's budget
     * ({@code -Dunitize.bench.sharedClientLimit=true} keeps the stock 5 per JVM, as the first runs had it).
     */
    static final int NACOS_CLIENT_LIMIT_PER_SECOND = 5;
    static final boolean SHARED_CLIENT_LIMIT = Boolean.getBoolean("unitize.bench.sharedClientLimit");

    @Test
    void freezeWindowAtScale() throws Exception {
        int cutovers = Integer.getInteger("unitize.bench.cutovers", 20);
        int baselineRuns = Integer.getInteger("unitize.bench.baseline", 10);
        int subscribers = Integer.getInteger("unitize.bench.subscribers", 100);
        int processes = Integer.getInteger("unitize.bench.agentProcesses", 6);
        int writeRate = Integer.getInteger("unitize.bench.writeRate", 2000);
        Facts facts = new Facts();
        facts.loadBefore = BenchFacts.loadAverage();
        facts.started = Instant.now();

        UnitRules rules = everySlotItsOwnRoute("benchmark");
        facts.rangesAsked = RANGES;
        String rulesJson = rules.toJson();
        facts.rulesRanges = rules.routes().size();
        facts.rulesBytes = rulesJson.getBytes(StandardCharsets.UTF_8).length;

        try (UnitSandbox sandbox = UnitSandbox.builder().units(UNITS.toArray(String[]::new))
                .baseDir(Path.of(System.getProperty("unitize.sandbox.dir", "target/unitize-sandbox")))
                .servers(ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ).build().start()) {
            facts.pushDelay = BenchFacts.nacosSetting(sandbox, PUSH_DELAY, " ms");
            facts.pushDelayForName = pushDelayForName(sandbox);
            System.out.println("Nacos push delay (" + PUSH_DELAY + ", read from the running servers): " + facts.pushDelay);
            ControlCenterFixture cc = new ControlCenterFixture(sandbox, "scale");
            long limit = 1024 * 1024;
            if (facts.rulesBytes > limit) { // the API's default body limit (unitize.control-center.api.max-body-size)
                cc.set("unitize.control-center.api.max-body-size", "4MB");
                facts.bodyLimitNote = "raised to 4 MB for this run: the document is larger than the default 1 MB";
            } else {
                facts.bodyLimitNote = "the default 1 MB, not raised: the document fits";
            }
            PacedLoad load = new PacedLoad(sandbox, writeRate);
            List<AgentProcess> agents = new ArrayList<>();
            try (cc) {
                cc.start();
                ControlCenterFixture.Response put = cc.put("/api/v1/rules", rulesJson);
                if (put.status() != 200) {
                    throw new AssertionError("the control center refused the " + facts.rulesRanges + "-range document ("
                            + facts.rulesBytes + " bytes): " + put);
                }
                agents.addAll(startAgents(sandbox, subscribers, processes, cc.dataId() + ":" + cc.group(), "unitize"));
                awaitAgentsView(cc, subscribers, 1);
                facts.agentsReadyAt = Instant.now();
                RssSampler rss = new RssSampler(agents);
                rss.sample();
                rss.start();
                load.start();
                Map<String, Long> cpuBefore = cpuTicks(sandbox, agents);
                Map<AgentProcess, Long> gcMarks = gcLogMarks(agents);
                long cutoversStarted = System.nanoTime();
                facts.loadAverageLoaded = null;
                for (int i = 0; i < cutovers; i++) {
                    String to = i % 2 == 0 ? AWAY : HOME;
                    JsonNode c = cc.runCutover("{\"type\":\"MOVE_SLOTS\",\"from\":" + SLOT + ",\"to\":" + SLOT + ",\"toUnit\":\""
                            + to + "\",\"reason\":\"benchmark at scale " + i + "\"}");
                    facts.cutovers.add(c);
                    if (i == cutovers / 2) {
                        facts.loadAverageLoaded = BenchFacts.loadAverage();
                    }
                }
                facts.cutoverSeconds = (System.nanoTime() - cutoversStarted) / 1e9;
                Map<String, Long> cpuAfter = cpuTicks(sandbox, agents);
                cpuAfter.replaceAll((k, v) -> v - cpuBefore.getOrDefault(k, 0L));
                facts.cpuTicks = cpuAfter;
                facts.agentGcPauses = gcPauses(gcMarks);
                rss.stop();
                facts.unitizeRss = rss.report();
                facts.parseCpu = parseCpu(agents);
                facts.unitizeApplies = applies(agents);
                stopAll(agents);
                facts.unitizeLimited = clientLimited(agents);
                agents.clear();

                // the baseline: the same document on a channel of its own, as many subscribers, the same processes' layout
                String baselineDataId = "rules-scale-baseline.json";
                String baselineGroup = "IT-SCALE-BASELINE";
                try (RulesPublisher publisher = publisherForAll(sandbox, baselineDataId, baselineGroup);
                     Directory dir = new Directory(sandbox, baselineGroup)) {
                    UnitRules base = everySlotItsOwnRoute("baseline").toBuilder().updatedAt(Instant.now()).build();
                    publisher.publish(base);
                    agents.addAll(startAgents(sandbox, subscribers, processes, baselineDataId + ":" + baselineGroup, "baseline"));
                    await(() -> dir.count(1), n -> n[0] == subscribers && n[1] == 0, Duration.ofSeconds(300));
                    for (int i = 0; i < baselineRuns; i++) {
                        String to = i % 2 == 0 ? AWAY : HOME;
                        long t0 = System.nanoTime();
                        UnitRules frozen = base.toBuilder().version(base.version() + 1).updatedAt(Instant.now())
                                .reason("baseline freeze " + i).freeze(SLOT, SLOT).build();
                        publisher.publish(frozen);
                        Thread.sleep(3000); // AppActive: "sleep 3 s", nothing confirmed
                        int behind = dir.count(frozen.version())[1];
                        UnitRules switched = io.unitize.controlcenter.cutover.RulesEditsAccess.switchTo(frozen, SLOT, SLOT, to);
                        publisher.publish(switched);
                        facts.baseline.add(new BaselineRun((System.nanoTime() - t0) / 1_000_000, behind, frozen.version(),
                                switched.version()));
                        base = switched;
                    }
                    long last = base.version();
                    await(() -> dir.count(last), n -> n[1] == 0, Duration.ofSeconds(60)); // every switch applied: the logs are complete
                    facts.baselineApplies = applies(agents);
                    stopAll(agents);
                    facts.baselineLimited = clientLimited(agents);
                }
            } finally {
                load.stop();
                stopAll(agents);
            }
            facts.load = load;
            facts.sandboxRssMb = sandbox.residentMegabytes();
            facts.testJvmRssKb = RssSampler.rssKb(ProcessHandle.current().pid());
            facts.loadAfter = BenchFacts.loadAverage();
            facts.subscribers = subscribers;
            facts.processes = processes;
            facts.cutoversAsked = cutovers;
            write(facts);
        }
    }

    /** Every slot its own route, the units in turn (slot s in UNITS[s % 3]): 10,000 ranges with the default slot count. */
    static UnitRules everySlotItsOwnRoute(String reason) {
        UnitRules.Builder b = UnitRules.builder().version(1).author("bootstrap").reason(reason)
                .unit(UnitDefinition.of("center", UnitRole.CENTER)).unit(UnitDefinition.of("unit-b", UnitRole.UNIT))
                .unit(UnitDefinition.of("unit-c", UnitRole.UNIT));
        int slots = SlotTransform.DEFAULT_SLOT_COUNT;
        int home = (int) ((long) SLOT * RANGES / slots); // the block of the moving slot: it belongs to the center
        for (int i = 0; i < RANGES; i++) {
            b.route((int) ((long) i * slots / RANGES), (int) ((long) (i + 1) * slots / RANGES) - 1,
                    UNITS.get(Math.floorMod(i - home, UNITS.size())));
        }
        return b.build();
    }

    /**
     * How many ranges the document has (default: one per slot, 10,000); fewer ({@code -Dunitize.bench.ranges=3})
     * give blocks of slots, the units in turn, to compare the same run with a small document.
     */
    static final int RANGES = Integer.getInteger("unitize.bench.ranges", SlotTransform.DEFAULT_SLOT_COUNT);

    /** The push delay as the running servers report it, for the results file's name ("mixed" if the units differ). */
    private static String pushDelayForName(UnitSandbox sandbox) {
        List<String> values = sandbox.units().stream().map(u -> {
            try {
                return u.nacosSetting(PUSH_DELAY).orElse("unknown");
            } catch (RuntimeException e) {
                return "unknown";
            }
        }).distinct().toList();
        return values.size() == 1 ? values.get(0) : "mixed";
    }

    private static RulesPublisher publisherForAll(UnitSandbox sandbox, String dataId, String group) {
        RulesPublisher.Builder b = RulesPublisher.builder().dataId(dataId).group(group);
        for (SandboxUnit u : sandbox.units()) {
            b.unit(u.code(), u.nacosAddr());
        }
        return b.build();
    }

    // ---- agents ----

    /** One agent process: {@code count} subscribers of one unit. */
    record AgentProcess(Process process, String unit, int count, Path log, Path nacosLogs, Path gcLog) {
    }

    /** How far each process's GC log is written now: {@link #gcPauses} counts the pauses after it. */
    static Map<AgentProcess, Long> gcLogMarks(List<AgentProcess> agents) throws Exception {
        Map<AgentProcess, Long> marks = new LinkedHashMap<>();
        for (AgentProcess a : agents) {
            marks.put(a, Files.exists(a.gcLog()) ? Files.size(a.gcLog()) : 0L);
        }
        return marks;
    }

    /** Each process's GC pause milliseconds after its mark, from {@code -Xlog:gc} ("Pause Young ... 12.345ms"). */
    static List<Double> gcPauses(Map<AgentProcess, Long> marks) throws Exception {
        java.util.regex.Pattern pause = java.util.regex.Pattern.compile("Pause .* ([0-9.]+)ms$");
        List<Double> out = new ArrayList<>();
        for (Map.Entry<AgentProcess, Long> e : marks.entrySet()) {
            byte[] all = Files.exists(e.getKey().gcLog()) ? Files.readAllBytes(e.getKey().gcLog()) : new byte[0];
            String after = new String(all, (int) Math.min(e.getValue(), all.length), all.length - (int) Math.min(e.getValue(), all.length),
                    StandardCharsets.ISO_8859_1);
            double ms = 0;
            for (String line : after.split("\n")) {
                java.util.regex.Matcher m = pause.matcher(line.trim());
                if (m.find()) {
                    ms += Double.parseDouble(m.group(1));
                }
            }
            out.add(ms);
        }
        return out;
    }

    /**
     * Requests the Nacos client of these processes refused itself ({@code Limiter}: "access_key_id:... limited"),
     * counted from their own client logs: each one a listen check that waited 1 s for a permit and then failed.
     */
    static long clientLimited(List<AgentProcess> agents) throws Exception {
        long n = 0;
        for (AgentProcess a : agents) {
            Path logs = a.nacosLogs().resolve("nacos");
            if (!Files.isDirectory(logs)) {
                continue;
            }
            try (var files = Files.list(logs)) {
                for (Path f : files.filter(x -> x.getFileName().toString().startsWith("config.log")).toList()) {
                    try (var lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
                        n += lines.filter(l -> l.contains("Limiter] access_key_id:") && l.endsWith(" limited")).count();
                    }
                }
            }
        }
        return n;
    }

    private static void deleteRecursively(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    static List<AgentProcess> startAgents(UnitSandbox sandbox, int subscribers, int processes, String channel, String phase)
            throws Exception {
        List<AgentProcess> out = new ArrayList<>();
        Path dir = Path.of("target", "bench-scale-agents");
        Files.createDirectories(dir);
        for (int i = 0; i < processes; i++) {
            int count = subscribers / processes + (i < subscribers % processes ? 1 : 0);
            String unit = UNITS.get(i % UNITS.size());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of(AGENT_JVM_OPTIONS.split(" ")));
            cmd.addAll(agentHeap(count));
            Path gcLog = dir.resolve(phase + "-" + i + "-gc.log");
            Files.deleteIfExists(gcLog);
            cmd.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
            cmd.add("-DJM.SNAPSHOT.PATH=" + dir.resolve(phase + "-" + i).toAbsolutePath());
            // each process's Nacos client log of its own (not ~/logs/nacos, shared by every JVM), large enough to count from
            Path nacosLogs = dir.resolve(phase + "-" + i + "-nacos-logs");
            deleteRecursively(nacosLogs);
            cmd.add("-DJM.LOG.PATH=" + nacosLogs.toAbsolutePath());
            cmd.add("-DJM.LOG.FILE.SIZE=512MB");
            if (!SHARED_CLIENT_LIMIT) {
                cmd.add("-DlimitTime=" + NACOS_CLIENT_LIMIT_PER_SECOND * count);
            }
            if (i == 0 && Boolean.getBoolean("unitize.bench.agentJfr")) { // a profile of one agent process, written when it stops
                cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + dir.resolve(phase + "-" + i + ".jfr").toAbsolutePath());
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchSubscribersMain.class.getName(),
                    sandbox.unit(unit).nacosAddr(), unit, Integer.toString(count), channel));
            Path log = dir.resolve(phase + "-" + i + "-" + unit + ".log");
            Files.deleteIfExists(log);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            out.add(new AgentProcess(p, unit, count, log, nacosLogs, gcLog));
        }
        for (AgentProcess a : out) {
            await(() -> {
                if (!a.process().isAlive()) {
                    throw new AssertionError("agent process " + a.process().pid() + " (" + a.unit() + ") exited with code "
                            + a.process().exitValue() + " before it was ready; log " + a.log() + ":\n" + tail(a.log()));
                }
                return Files.readString(a.log(), StandardCharsets.ISO_8859_1).contains("BENCH-AGENT-READY");
            }, ready -> ready, Duration.ofSeconds(300));
        }
        return out;
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static void stopAll(List<AgentProcess> agents) throws InterruptedException {
        for (AgentProcess a : agents) {
            a.process().destroy();
        }
        for (AgentProcess a : agents) {
            if (!a.process().waitFor(60, TimeUnit.SECONDS)) {
                a.process().destroyForcibly().waitFor();
            }
        }
    }

    /** Waits until the control center lists {@code count} agents, every one on a version >= {@code version}. */
    static void awaitAgentsView(ControlCenterFixture cc, int count, long version) throws Exception {
        await(() -> {
            JsonNode view = cc.get("/api/v1/agents").json();
            int n = 0;
            int behind = 0;
            for (JsonNode unit : view.get("units")) {
                for (JsonNode agent : unit.get("agents")) {
                    n++;
                    if (agent.get("appliedVersion").asLong() < version) {
                        behind++;
                    }
                }
            }
            return n + " agents, " + behind + " behind version " + version;
        }, s -> s.equals(count + " agents, 0 behind version " + version), Duration.ofSeconds(300));
    }

    /** CPU time (user + system, clock ticks) so far of the agent processes, the test JVM and the sandbox's servers. */
    static Map<String, Long> cpuTicks(UnitSandbox sandbox, List<AgentProcess> agents) {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("agent processes", agents.stream().mapToLong(a -> ticks(a.process().pid())).sum());
        t.put("test JVM (control center, load driver)", ticks(ProcessHandle.current().pid()));
        t.put("sandbox servers (3 x Nacos, MariaDB, RocketMQ)", sandbox.pids().stream().mapToLong(FreezeWindowAtScaleBenchmarkIT::ticks).sum());
        return t;
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15 of stat)
        } catch (Exception e) {
            return 0;
        }
    }

    /** Each agent process's {@code BENCH-PARSE-CPU} line: "median / min ms" of one parse + compile of the document. */
    static List<String> parseCpu(List<AgentProcess> agents) throws Exception {
        List<String> out = new ArrayList<>();
        for (AgentProcess a : agents) {
            for (String line : Files.readAllLines(a.log(), StandardCharsets.ISO_8859_1)) {
                int at = line.indexOf("BENCH-PARSE-CPU ");
                if (at >= 0) {
                    String[] f = line.substring(at).trim().split("\\s+");
                    out.add(f[1] + " / " + f[2]);
                }
            }
        }
        return out;
    }

    /** The baseline's agents as the three units' Nacos list them. */
    static final class Directory implements AutoCloseable {
        private final List<AgentDirectory> dirs = new ArrayList<>();

        Directory(UnitSandbox sandbox, String group) {
            for (SandboxUnit u : sandbox.units()) {
                dirs.add(AgentDirectory.connect(u.code(), u.nacosAddr(), null, group));
            }
        }

        /** {live agents, of them behind {@code version}}. */
        int[] count(long version) {
            int live = 0;
            int behind = 0;
            for (AgentDirectory d : dirs) {
                for (AgentStatus a : d.liveAgents()) {
                    live++;
                    if (a.appliedVersion() < version) {
                        behind++;
                    }
                }
            }
            return new int[] {live, behind};
        }

        @Override
        public void close() {
            dirs.forEach(AgentDirectory::close);
        }
    }

    /** Per rules version: the subscribers' lags from the document's updatedAt to applied, and to acknowledged. */
    record Applies(Map<Long, List<long[]>> byVersion) {

        List<long[]> of(long version) {
            return byVersion.getOrDefault(version, List.of());
        }

        long maxApplied(long version) {
            return of(version).stream().mapToLong(a -> a[0]).max().orElse(-1);
        }

        long maxAcked(long version) {
            return of(version).stream().mapToLong(a -> a[1]).max().orElse(-1);
        }

        long p50Applied(long version) {
            return pct(of(version).stream().map(a -> a[0]).toList(), 50);
        }
    }

    static Applies applies(List<AgentProcess> agents) throws Exception {
        Map<Long, List<long[]>> by = new TreeMap<>();
        for (AgentProcess a : agents) {
            for (String line : Files.readAllLines(a.log(), StandardCharsets.ISO_8859_1)) {
                int at = line.indexOf("BENCH-APPLIED ");
                if (at < 0) {
                    continue;
                }
                String[] f = line.substring(at).trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                by.computeIfAbsent(Long.parseLong(f[2]), k -> new ArrayList<>())
                        .add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[4])});
            }
        }
        return new Applies(by);
    }

    /** Resident memory of each agent process: at the start of the cutovers and the largest seen during them. */
    static final class RssSampler {
        private final List<AgentProcess> agents;
        private final Map<Long, Long> first = new ConcurrentHashMap<>();
        private final Map<Long, Long> peak = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        RssSampler(List<AgentProcess> agents) {
            this.agents = agents;
        }

        void sample() {
            for (AgentProcess a : agents) {
                long kb = rssKb(a.process().pid());
                first.putIfAbsent(a.process().pid(), kb);
                peak.merge(a.process().pid(), kb, Math::max);
            }
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    sample();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
                }
            }, "bench-rss");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            sample();
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }

        String report() {
            StringBuilder s = new StringBuilder("| process | unit | subscribers | RSS at start MB | peak RSS MB | peak per subscriber MB |\n"
                    + "|---|---|---|---|---|---|\n");
            long total = 0;
            int subs = 0;
            for (int i = 0; i < agents.size(); i++) {
                AgentProcess a = agents.get(i);
                long p = peak.getOrDefault(a.process().pid(), -1L);
                total += p;
                subs += a.count();
                s.append(String.format("| %d | %s | %d | %.0f | %.0f | %.1f |%n", i, a.unit(), a.count(),
                        first.getOrDefault(a.process().pid(), -1L) / 1024.0, p / 1024.0, p / 1024.0 / a.count()));
            }
            s.append(String.format("| all | | %d | | %.0f | %.1f |%n", subs, total / 1024.0, total / 1024.0 / subs));
            return s.toString();
        }
    }

    // ---- the write load ----

    /**
     * Rows written at a fixed arrival rate (open loop): per unit a pacer puts a batch on a queue every 10 ms
     * at its due time (rows due so far at rate/units minus rows already due), whatever the writers' state;
     * 4 writers per unit, each on its own connection, take batches and insert them as one multi-row INSERT.
     * A batch that starts more than {@value #LATE_MILLIS} ms after its due time is late; one that could not
     * start within {@value #MISSED_MILLIS} ms is missed (dropped, not written). Latency = done - due.
     */
    static final class PacedLoad {
        private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
        private static final int WRITERS_PER_UNIT = 4;

        private final UnitSandbox sandbox;
        private final int rate;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong due = new AtomicLong();
        private final AtomicLong lateBatches = new AtomicLong();
        private final AtomicLong lateRows = new AtomicLong();
        private final AtomicLong missedBatches = new AtomicLong();
        private final AtomicLong missedRows = new AtomicLong();
        private final AtomicLong batches = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private volatile String lastFailure;
        private long startedAt;
        private long stoppedAt;

        record Batch(long dueNanos, long firstId, int rows) {
        }

        PacedLoad(UnitSandbox sandbox, int rate) {
            this.sandbox = sandbox;
            this.rate = rate;
        }

        static String table(SandboxUnit u) {
            return "bench_" + u.code().replace('-', '_') + ".orders";
        }

        void start() throws Exception {
            for (SandboxUnit u : sandbox.units()) {
                try (Connection c = DriverManager.getConnection(u.jdbcUrl(""), u.dbUser(), u.dbPassword());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS bench_" + u.code().replace('-', '_'));
                    s.execute("CREATE TABLE IF NOT EXISTS " + table(u)
                            + " (id BIGINT PRIMARY KEY, buyer BIGINT, amount DECIMAL(12,2), note VARCHAR(200))");
                }
            }
            running.set(true);
            startedAt = System.nanoTime();
            double perUnit = rate / (double) sandbox.units().size();
            for (SandboxUnit u : sandbox.units()) {
                BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
                for (int w = 0; w < WRITERS_PER_UNIT; w++) {
                    Connection c = DriverManager.getConnection(u.jdbcUrl(""), u.dbUser(), u.dbPassword());
                    threads.add(daemon("bench-write-" + u.code() + "-" + w, () -> write(u, c, queue)));
                }
                threads.add(daemon("bench-pace-" + u.code(), () -> pace(u, perUnit, queue)));
            }
        }

        private static Thread daemon(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void pace(SandboxUnit u, double perUnit, BlockingQueue<Batch> queue) {
            long base = (u.index() + 1L) << 40;
            long issued = 0;
            for (long k = 1; running.get(); k++) {
                long dueAt = startedAt + k * TICK_NANOS;
                long wait;
                while ((wait = dueAt - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long total = (long) Math.floor(perUnit * k * TICK_NANOS / 1e9);
                int rows = (int) (total - issued);
                if (rows > 0) {
                    queue.add(new Batch(dueAt, base + issued, rows));
                    issued = total;
                    due.addAndGet(rows);
                }
            }
        }

        private void write(SandboxUnit u, Connection c, BlockingQueue<Batch> queue) {
            try (c; Statement s = c.createStatement()) {
                while (running.get() || !queue.isEmpty()) {
                    Batch b = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (b == null) {
                        continue;
                    }
                    long lateNanos = System.nanoTime() - b.dueNanos();
                    if (lateNanos > TimeUnit.MILLISECONDS.toNanos(MISSED_MILLIS)) {
                        missedBatches.incrementAndGet();
                        missedRows.addAndGet(b.rows());
                        continue;
                    }
                    if (lateNanos > TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)) {
                        lateBatches.incrementAndGet();
                        lateRows.addAndGet(b.rows());
                    }
                    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table(u)).append(" VALUES ");
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < b.rows(); i++) {
                        sql.append(i == 0 ? "" : ",").append('(').append(b.firstId() + i).append(',').append(r.nextLong(1_000_000))
                                .append(',').append(r.nextInt(100_000) / 100.0).append(",'benchmark order')");
                    }
                    try {
                        s.execute(sql.toString());
                        written.addAndGet(b.rows());
                        batches.incrementAndGet();
                        latencies.add((System.nanoTime() - b.dueNanos()) / 1_000_000);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        lastFailure = e.toString();
                    }
                }
            } catch (Exception e) {
                lastFailure = "writer of unit " + u.code() + " ended: " + e;
            }
        }

        void stop() throws InterruptedException {
            if (running.getAndSet(false)) {
                stoppedAt = System.nanoTime();
                for (Thread t : threads) {
                    t.join(10_000);
                }
            }
        }

        String describe() {
            double s = (stoppedAt - startedAt) / 1e9;
            List<Long> lat;
            synchronized (latencies) {
                lat = new ArrayList<>(latencies);
            }
            return String.format("asked %,d rows/s in total (%,.0f per unit, a batch due every 10 ms per unit, %d writers per"
                    + " unit); due %,d rows in %.0f s, written %,d: **achieved %,.0f rows/s**; late (started > %d ms after due):"
                    + " %,d batches (%,d rows); missed (not started within %d ms, not written): %,d batches (%,d rows); failed: %d%s;"
                    + " batch latency from the due time p50 %d ms, p99 %d ms, max %d ms (%,d batches)",
                    rate, rate / (double) sandbox.units().size(), WRITERS_PER_UNIT, due.get(), s, written.get(), written.get() / s,
                    LATE_MILLIS, lateBatches.get(), lateRows.get(), MISSED_MILLIS, missedBatches.get(), missedRows.get(),
                    failures.get(), lastFailure == null ? "" : " (last: " + lastFailure + ")",
                    pct(lat, 50), pct(lat, 99), pct(lat, 100), lat.size());
        }
    }

    // ---- results ----

    record BaselineRun(long millis, int behindAtSwitch, long freezeVersion, long switchVersion) {
    }

    static final class Facts {
        Instant started;
        Instant agentsReadyAt;
        String loadBefore;
        String loadAverageLoaded;
        String loadAfter;
        String pushDelay;
        String pushDelayForName;
        String bodyLimitNote;
        int rulesRanges;
        int rulesBytes;
        int subscribers;
        int processes;
        int cutoversAsked;
        int rangesAsked;
        double cutoverSeconds;
        Map<String, Long> cpuTicks;
        List<String> parseCpu;
        String unitizeRss;
        long sandboxRssMb;
        long testJvmRssKb;
        Applies unitizeApplies;
        Applies baselineApplies;
        long unitizeLimited;
        List<Double> agentGcPauses = List.of();
        long baselineLimited;
        PacedLoad load;
        final List<JsonNode> cutovers = new ArrayList<>();
        final List<BaselineRun> baseline = new ArrayList<>();
    }

    static String command() {
        StringBuilder c = new StringBuilder();
        String tool = System.getenv("JAVA_TOOL_OPTIONS");
        if (tool != null && !tool.isBlank()) {
            c.append("JAVA_TOOL_OPTIONS='").append(tool).append("' ");
        }
        c.append("./mvnw -B -o -pl control-center -am verify -Dtest=NoSuchTest -Dit.test=FreezeWindowAtScaleBenchmarkIT -Dunitize.bench=true");
        for (String p : List.of(UnitSandbox.NACOS_PUSH_TASK_DELAY, "unitize.bench.cutovers", "unitize.bench.baseline",
                "unitize.bench.subscribers", "unitize.bench.agentProcesses", "unitize.bench.writeRate", "unitize.bench.ranges",
                "unitize.bench.sharedClientLimit", "unitize.bench.agentJfr", "unitize.bench.agentHeapMbPerSubscriber", "unitize.bench.out")) {
            String v = System.getProperty(p);
            if (v != null) {
                c.append(" -D").append(p).append('=').append(v);
            }
        }
        return c.append(" -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false").toString();
    }

    static String machine() {
        String cpu = "unknown CPU";
        String mem = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(", %.1f GB RAM", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("");
        } catch (Exception e) {
            // left as unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + mem + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version");
    }

    static void write(Facts f) throws Exception {
        List<Long> windows = new ArrayList<>();
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        int rolledBack = 0;
        for (JsonNode c : f.cutovers) {
            if (!c.get("status").asText().equals("DONE")) {
                rolledBack++;
                continue;
            }
            windows.add(c.get("freezeWindowMillis").asLong());
            for (JsonNode s : c.get("steps")) {
                steps.computeIfAbsent(s.get("step").asText(), k -> new ArrayList<>()).add(s.get("millis").asLong());
            }
        }
        List<Long> baseline = f.baseline.stream().map(BaselineRun::millis).toList();
        StringBuilder md = new StringBuilder("# Freeze window at scale (push delay " + f.pushDelay + ")\n\n");
        md.append("- date: ").append(f.started).append(" (start) to ").append(Instant.now()).append(" (end)\n");
        md.append("- machine: ").append(machine()).append('\n');
        md.append("- command: `").append(command()).append("`\n");
        md.append("- load average (1/5/15 min): before ").append(f.loadBefore).append("; halfway through the cutovers ")
                .append(f.loadAverageLoaded).append("; after ").append(f.loadAfter).append('\n');
        md.append("- servers: a sandbox of this benchmark's own, three units (center, unit-b, unit-c): Nacos 3.1, MariaDB 11.4 "
                + "replicating every way, RocketMQ 5.5 (the REPLAY step's target), all on this machine; their resident memory at "
                + "the end ").append(f.sandboxRssMb).append(" MB\n");
        md.append("- Nacos push delay (`").append(PUSH_DELAY).append("`, read from the running servers): **").append(f.pushDelay)
                .append("**\n");
        md.append("- rules: ").append(String.format("%,d", f.rulesRanges)).append(f.rangesAsked == SlotTransform.DEFAULT_SLOT_COUNT
                        ? " ranges (every slot of " + String.format("%,d", SlotTransform.DEFAULT_SLOT_COUNT) + " its own route, the three units in turn), "
                        : " ranges (blocks of about " + SlotTransform.DEFAULT_SLOT_COUNT / f.rangesAsked + " of the "
                        + String.format("%,d", SlotTransform.DEFAULT_SLOT_COUNT) + " slots, the three units in turn), ")
                .append(String.format("%,d", f.rulesBytes)).append(" bytes of JSON; the control center's API body limit: ")
                .append(f.bodyLimitNote).append("; Nacos took the document with its stock limits\n");
        md.append("- cutovers: MOVE_SLOTS of slot ").append(SLOT).append(" to ").append(AWAY).append(" and back to ").append(HOME)
                .append(" through the REST API (one slot: a wider move merges its slots into one route and shrinks the document)\n");
        md.append("- subscribers: **").append(f.subscribers).append("** real `RulesSubscriber`s (each its own agent id and its own "
                + "Nacos config and naming clients, acknowledging through `ack.<agentId>` and its naming instance) in ")
                .append(f.processes).append(" agent processes (`BenchSubscribersMain`), the units in turn; each JVM `")
                .append(AGENT_JVM_OPTIONS).append(' ').append(AGENT_HEAP_MB_PER_SUBSCRIBER <= 0 ? String.join(" ", agentHeap(1))
                        : "-Xms/-Xmx (128 + " + AGENT_HEAP_MB_PER_SUBSCRIBER + " x its subscribers) MB, -Xmn three quarters of the "
                        + AGENT_HEAP_MB_PER_SUBSCRIBER + " x subscribers (" + String.join(" ", agentHeap(17)) + " for 17)")
                .append("`. Resident memory during the cutovers:\n\n").append(f.unitizeRss).append('\n');
        md.append(SHARED_CLIENT_LIMIT
                ? "  The Nacos client's per-JVM rate limit of identical requests (`limitTime`) is its stock "
                        + NACOS_CLIENT_LIMIT_PER_SECOND + "/s, shared by all the subscribers of a process"
                : "  Each agent JVM runs with `-DlimitTime=" + NACOS_CLIENT_LIMIT_PER_SECOND + " x its subscribers`: the Nacos client "
                        + "rate-limits identical requests per JVM (stock " + NACOS_CLIENT_LIMIT_PER_SECOND + "/s), and the "
                        + "subscribers of one process send identical listen checks, so each gets the stock budget of an agent "
                        + "alone in its process");
        md.append("; listen checks the client refused itself (`Limiter ... limited`, counted in each process's own Nacos client "
                + "log): ").append(String.format("%,d", f.unitizeLimited)).append(" during the cutovers, ")
                .append(String.format("%,d", f.baselineLimited)).append(" during the baseline.\n");
        md.append(String.format("  GC pauses of the agent processes during the cutovers (`-Xlog:gc`), per process: %s ms; "
                        + "at most %.1f%% of the cutovers' %.0f s wall in one process.%n",
                f.agentGcPauses.stream().map(v -> String.format("%,.0f", v)).collect(Collectors.joining(", ")),
                f.agentGcPauses.stream().mapToDouble(Double::doubleValue).max().orElse(0) / 10 / Math.max(1e-9, f.cutoverSeconds),
                f.cutoverSeconds));
        md.append("  The control center and the load driver run in the test JVM: ").append(f.testJvmRssKb / 1024).append(" MB resident at the end.\n");
        md.append("- one parse + compile of the document in an agent JVM (`BENCH-PARSE-CPU`, thread CPU time, median / min of 10, per"
                + " process): ").append(String.join("; ", f.parseCpu)).append(" ms\n");
        md.append(String.format("- CPU used during the %d cutovers (%.0f s wall, %.1f cutovers/min, the machine has %d cores = %.0f CPU-s):",
                f.cutovers.size(), f.cutoverSeconds, f.cutovers.size() / f.cutoverSeconds * 60, Runtime.getRuntime().availableProcessors(),
                f.cutoverSeconds * Runtime.getRuntime().availableProcessors()));
        f.cpuTicks.forEach((k, v) -> md.append(String.format(" %s %.1f CPU-s (%.2f per cutover);", k, v / 100.0,
                v / 100.0 / Math.max(1, f.cutovers.size()))));
        md.append(" (clock ticks of /proc/<pid>/stat at 100 Hz)\n");
        md.append("- write load during the cutovers (open loop, into the three units' MariaDB, replicated every way): ")
                .append(f.load.describe()).append('\n');
        md.append("- freeze window = freeze publication started -> new routes applied by every live agent (as the API reports it)\n");
        md.append("- baseline: publish the freeze, sleep 3 s, publish the switch, confirm nothing (AppActive), on a channel of its "
                + "own with as many subscribers in as many processes, started after the Unitize cutovers (so that the cutovers ran "
                + "with ").append(f.subscribers).append(" subscribers, not twice as many), the write load still on\n\n");

        md.append("| | runs | p50 ms | p90 ms | p99 ms | max ms | confirmed |\n|---|---|---|---|---|---|---|\n");
        md.append(row("Unitize cutover (every step confirmed)", windows, "all " + f.subscribers + " agents, marker replicated"));
        md.append(row("baseline: publish, sleep 3 s, publish (AppActive)", baseline,
                "none; agents not yet frozen when the switch went out: "
                        + f.baseline.stream().map(b -> Integer.toString(b.behindAtSwitch())).collect(Collectors.joining(", ", "[", "]"))));
        md.append('\n').append(f.cutovers.size()).append(" cutovers run, ").append(rolledBack).append(" rolled back. With ")
                .append(windows.size()).append(" samples p99 is the largest or the largest but one.\n\n");

        md.append("Per step (Unitize):\n\n| step | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        steps.forEach((s, v) -> md.append("| ").append(s).append(" | ").append(pct(v, 50)).append(" | ").append(pct(v, 90))
                .append(" | ").append(pct(v, 99)).append(" | ").append(pct(v, 100)).append(" |\n"));

        // where the acknowledgement rounds go: from the document's updatedAt to the last subscriber's apply and ack
        List<Long> freezeLastApplied = new ArrayList<>();
        List<Long> freezeLastAcked = new ArrayList<>();
        List<Long> freezeMedianApplied = new ArrayList<>();
        List<Long> switchLastApplied = new ArrayList<>();
        List<Long> switchLastAcked = new ArrayList<>();
        for (JsonNode c : f.cutovers) {
            if (c.hasNonNull("freezeVersion")) {
                long v = c.get("freezeVersion").asLong();
                freezeLastApplied.add(f.unitizeApplies.maxApplied(v));
                freezeLastAcked.add(f.unitizeApplies.maxAcked(v));
                freezeMedianApplied.add(f.unitizeApplies.p50Applied(v));
            }
            if (c.hasNonNull("switchVersion") && c.get("status").asText().equals("DONE")) {
                long v = c.get("switchVersion").asLong();
                switchLastApplied.add(f.unitizeApplies.maxApplied(v));
                switchLastAcked.add(f.unitizeApplies.maxAcked(v));
            }
        }
        md.append("\nInside the acknowledgement rounds (from each subscriber's `BENCH-APPLIED` lines: milliseconds from the "
                + "document's `updatedAt`, stamped right before its publication, to the subscriber's listener holding the "
                + "compiled snapshot (applied) and to its acknowledgement written (acked); over the cutovers):\n\n"
                + "| | p50 ms | p90 ms | max ms |\n|---|---|---|---|\n");
        md.append(row3("freeze document: median subscriber applied", freezeMedianApplied));
        md.append(row3("freeze document: last subscriber applied", freezeLastApplied));
        md.append(row3("freeze document: last subscriber acked", freezeLastAcked));
        md.append(row3("switch document: last subscriber applied", switchLastApplied));
        md.append(row3("switch document: last subscriber acked", switchLastAcked));
        List<Long> baseFreezeLast = f.baseline.stream().map(b -> f.baselineApplies.maxApplied(b.freezeVersion())).toList();
        md.append(row3("baseline freeze document: last subscriber applied", baseFreezeLast));

        md.append("\nRaw numbers per cutover (ms; applied/acked = the last subscriber's, from the document's updatedAt):\n\n"
                + "| # | to | status | freeze window | steps | freeze applied/acked | switch applied/acked |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < f.cutovers.size(); i++) {
            JsonNode c = f.cutovers.get(i);
            StringBuilder st = new StringBuilder();
            for (JsonNode s : c.get("steps")) {
                st.append(st.length() == 0 ? "" : ", ").append(s.get("step").asText()).append(' ').append(s.get("millis").asLong());
            }
            long fv = c.path("freezeVersion").asLong(-1);
            long sv = c.path("switchVersion").asLong(-1);
            md.append("| ").append(i).append(" | ").append(i % 2 == 0 ? AWAY : HOME).append(" | ").append(c.get("status").asText())
                    .append(c.hasNonNull("failure") ? " (" + c.get("failure").asText().replace('|', '/') + ")" : "")
                    .append(" | ").append(c.path("freezeWindowMillis").asText("-")).append(" | ").append(st)
                    .append(" | ").append(f.unitizeApplies.maxApplied(fv)).append(" / ").append(f.unitizeApplies.maxAcked(fv))
                    .append(" | ").append(f.unitizeApplies.maxApplied(sv)).append(" / ").append(f.unitizeApplies.maxAcked(sv))
                    .append(" |\n");
        }
        md.append("\nRaw numbers per baseline run (ms):\n\n| # | to | publish-sleep-publish | agents not frozen at the switch | "
                + "freeze: last subscriber applied |\n|---|---|---|---|---|\n");
        for (int i = 0; i < f.baseline.size(); i++) {
            BaselineRun b = f.baseline.get(i);
            md.append("| ").append(i).append(" | ").append(i % 2 == 0 ? AWAY : HOME).append(" | ").append(b.millis()).append(" | ")
                    .append(b.behindAtSwitch()).append(" | ").append(f.baselineApplies.maxApplied(b.freezeVersion())).append(" |\n");
        }
        String outName = Optional.ofNullable(System.getProperty("unitize.bench.out"))
                .orElse("freeze-window-at-scale-" + f.pushDelayForName + "ms.md");
        Path out = Path.of("bench", "results", outName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static String row(String name, List<Long> v, String confirmed) {
        return "| " + name + " | " + v.size() + " | " + pct(v, 50) + " | " + pct(v, 90) + " | " + pct(v, 99) + " | "
                + pct(v, 100) + " | " + confirmed + " |\n";
    }

    private static String row3(String name, List<Long> v) {
        return "| " + name + " | " + pct(v, 50) + " | " + pct(v, 90) + " | " + pct(v, 100) + " |\n";
    }

    static long pct(List<Long> values, int p) {
        return FreezeWindowBenchmarkIT.pct(values, p);
    }
}
