package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import io.unitize.core.Fixtures;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules channel against two real Nacos servers of the sandbox, one per unit. Each test uses
 * its own data id and group, so tests do not see each other's documents or agents.
 */
@SandboxServers(ServerKind.NACOS)
class RulesChannelIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    private static String name(TestInfo info) {
        return "it-" + info.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 20)
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    private RulesPublisher publisher(UnitSandbox sandbox, String channel) {
        RulesPublisher.Builder b = RulesPublisher.builder().dataId(channel + ".json").group(channel);
        sandbox.units().forEach(u -> b.unit(u.code(), u.nacosAddr()));
        RulesPublisher p = b.build();
        closeAfter.add(p);
        return p;
    }

    private RulesSubscriber subscriber(SandboxUnit unit, String channel, String kind, Path snapshotFile) {
        RulesSubscriber s = RulesSubscriber.builder().serverAddr(unit.nacosAddr()).unit(unit.code()).agentKind(kind)
                .dataId(channel + ".json").group(channel).snapshotFile(snapshotFile).build().start();
        closeAfter.add(s);
        return s;
    }

    private AgentDirectory directory(SandboxUnit unit, String channel) {
        AgentDirectory d = AgentDirectory.connect(unit.code(), unit.nacosAddr(), null, channel);
        closeAfter.add(d);
        return d;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A plain config client of {@code unit}'s Nacos, as another party would use it. */
    private ConfigService rawConfig(SandboxUnit unit) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("serverAddr", unit.nacosAddr());
        ConfigService raw = NacosFactory.createConfigService(p);
        closeAfter.add(raw::shutDown);
        return raw;
    }

    /** The content of {@code agentId}'s acknowledgement item, read from the server. */
    private static String ackItem(ConfigService raw, String agentId) {
        try {
            return raw.getConfig("ack." + agentId, RulesChannel.ACKS_GROUP, 3_000);
        } catch (com.alibaba.nacos.api.exception.NacosException e) {
            throw new AssertionError("cannot read the acknowledgement item of " + agentId + ": " + e.getErrMsg(), e);
        }
    }

    /**
     * Waits like {@link #await} but checks at most 3 times a second: the Nacos client answers
     * identical reads beyond 5 a second from its local snapshot instead of the server.
     */
    private static void awaitReads(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(300);
        }
    }

    private static Map<String, Long> versionsById(AgentDirectory d) {
        return d.liveAgents().stream().collect(Collectors.toMap(AgentStatus::agentId, AgentStatus::appliedVersion));
    }

    @Test
    void publishedToBothUnitsAppliedBySeveralSubscribersInEachAndListed(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        Map<SandboxUnit, List<RulesSubscriber>> subs = new java.util.LinkedHashMap<>();
        for (SandboxUnit u : sandbox.units()) {
            List<RulesSubscriber> list = new ArrayList<>();
            for (String kind : List.of("gateway", "rpc-consumer", "db-guard")) {
                list.add(subscriber(u, ch, kind, null));
            }
            subs.put(u, list);
        }
        publisher(sandbox, ch).publish(Fixtures.twoUnits(1).build());
        for (Map.Entry<SandboxUnit, List<RulesSubscriber>> e : subs.entrySet()) {
            AgentDirectory dir = directory(e.getKey(), ch);
            Map<String, Long> expected = e.getValue().stream().collect(Collectors.toMap(RulesSubscriber::agentId, s -> 1L));
            await("every agent of " + e.getKey().code() + " is listed with version 1", () -> versionsById(dir).equals(expected));
            assertThat(dir.liveAgents()).extracting(AgentStatus::kind).containsExactly("db-guard", "gateway", "rpc-consumer");
            assertThat(dir.liveAgents()).extracting(AgentStatus::unit).containsOnly(e.getKey().code());
            for (RulesSubscriber s : e.getValue()) {
                assertThat(s.snapshot().unitOf(7_000).code()).isEqualTo("unit-b");
                assertThat(s.metrics().appliedCount()).isEqualTo(1);
            }
        }
        // the next version reaches everyone too
        publisher(sandbox, ch).publish(Fixtures.twoUnits(2).freeze(0, 99).build());
        for (List<RulesSubscriber> list : subs.values()) {
            for (RulesSubscriber s : list) {
                await(s.agentId() + " applies version 2", () -> s.appliedVersion() == 2);
                assertThat(s.snapshot().isFrozen(50)).isTrue();
            }
        }
    }

    @Test
    void invalidAndOlderPushesAreRefusedAndTheOldVersionStaysInForceAndReported(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        SandboxUnit b = sandbox.unit("unit-b");
        RulesSubscriber s = subscriber(b, ch, "gateway", null);
        publisher(sandbox, ch).publish(Fixtures.twoUnits(5).build());
        await("version 5 applied", () -> s.appliedVersion() == 5);
        AgentDirectory dir = directory(b, ch);
        await("version 5 listed", () -> versionsById(dir).equals(Map.of(s.agentId(), 5L)));

        ConfigService raw = NacosFactory.createConfigService(java.util.Map.of("serverAddr", b.nacosAddr()).entrySet().stream()
                .collect(java.util.Properties::new, (p, e) -> p.setProperty(e.getKey(), e.getValue()), java.util.Properties::putAll));
        closeAfter.add(raw::shutDown);
        String gap = Fixtures.twoUnits(6).build().toJson().replace("\"from\": 5000", "\"from\": 6000");
        assertThat(raw.publishConfig(ch + ".json", ch, gap)).isTrue();
        await("the invalid push is refused", () -> s.metrics().rejectedInvalidCount() == 1);
        assertThat(s.metrics().lastRejection()).contains("routes leave slots 5000-5999 without a unit (gap)");
        assertThat(s.appliedVersion()).isEqualTo(5);
        assertThat(s.snapshot().unitOf(5_500).code()).isEqualTo("unit-b");

        assertThat(raw.publishConfig(ch + ".json", ch, Fixtures.twoUnits(3).build().toJson())).isTrue();
        await("the older push is refused", () -> s.metrics().rejectedStaleCount() == 1);
        assertThat(s.metrics().lastRejection()).contains("version 3").contains("not newer than version 5");
        assertThat(s.appliedVersion()).isEqualTo(5);

        Thread.sleep(2_000); // Nacos indexes instance changes asynchronously (about 1 s): give a wrong report time to show
        assertThat(versionsById(dir)).isEqualTo(Map.of(s.agentId(), 5L));
    }

    @Test
    void theAppliedVersionIsAcknowledgedInTheAgentsConfigItemWhichCloseRemoves(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        SandboxUnit b = sandbox.unit("unit-b");
        publisher(sandbox, ch).publish(Fixtures.twoUnits(5).build());
        RulesSubscriber s = RulesSubscriber.builder().serverAddr(b.nacosAddr()).unit(b.code()).agentKind("gateway")
                .dataId(ch + ".json").group(ch).build().start();
        boolean closed = false;
        try {
            await("version 5 applied", () -> s.appliedVersion() == 5);
            ConfigService raw = rawConfig(b);
            awaitReads("the agent's item holds version 5", () -> "5".equals(ackItem(raw, s.agentId())));
            AgentDirectory dir = directory(b, ch);
            await("version 5 listed", () -> versionsById(dir).equals(Map.of(s.agentId(), 5L)));
            assertThat(dir.watchedAgents()).isEqualTo(1);

            // a version that only the item carries (the instance metadata still says 5) is what the directory lists
            assertThat(raw.publishConfig("ack." + s.agentId(), RulesChannel.ACKS_GROUP, "9")).isTrue();
            await("the item's version 9 listed", () -> versionsById(dir).equals(Map.of(s.agentId(), 9L)));
            // the agent's re-assertion reads its item back and writes its own version again
            await("the agent's re-assertion restores version 5", () -> versionsById(dir).equals(Map.of(s.agentId(), 5L)));
            awaitReads("the item holds 5 again", () -> "5".equals(ackItem(raw, s.agentId())));

            s.close();
            closed = true;
            awaitReads("close() removed the item", () -> ackItem(raw, s.agentId()) == null);
            await("the closed agent is no longer listed nor watched", () -> dir.liveAgents().isEmpty() && dir.watchedAgents() == 0);
        } finally {
            if (!closed) {
                s.close();
            }
        }
    }

    @Test
    void thePublisherRefusesAVersionThatIsNotNewerAndWritesNothing(UnitSandbox sandbox, TestInfo info) {
        String ch = name(info);
        RulesPublisher p = publisher(sandbox, ch);
        p.publish(Fixtures.twoUnits(10).build());
        assertThatThrownBy(() -> p.publish(Fixtures.twoUnits(9).build()))
                .isInstanceOfSatisfying(StaleRulesException.class, e -> {
                    assertThat(e.offeredVersion()).isEqualTo(9);
                    assertThat(e.versionInForce()).isEqualTo(10);
                }).hasMessageContaining("rules version 9 is not newer than version 10 in force in unit center's Nacos");
        assertThatThrownBy(() -> p.publish(Fixtures.twoUnits(10).reason("other").build())).isInstanceOf(StaleRulesException.class);
        for (SandboxUnit u : sandbox.units()) {
            assertThat(p.current(u.code())).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(10));
        }
        p.publish(Fixtures.twoUnits(10).build()); // the same document again is a no-op, not an error
    }

    @Test
    void aUnitNotWaitedForIsStillPublishedToAndADeadOneFailsOnlyThePublicationsThatWaitForIt(UnitSandbox sandbox, TestInfo info)
            throws Exception {
        String ch = name(info);
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        RulesPublisher.Builder b = RulesPublisher.builder().dataId(ch + ".json").group(ch);
        sandbox.units().forEach(u -> b.unit(u.code(), u.nacosAddr()));
        RulesPublisher p = b.unit("lost", "127.0.0.1:" + deadPort).build();
        closeAfter.add(p);

        assertThatThrownBy(() -> p.publish(Fixtures.twoUnits(3).build())).as("waited for, the dead unit fails the publication")
                .isInstanceOfSatisfying(RulesPublishException.class, e -> {
                    assertThat(e.failures()).containsOnlyKeys("lost");
                    assertThat(e.published()).containsExactlyInAnyOrder("center", "unit-b");
                });
        assertThat(p.failingUnits()).as("remembered for a catch-up that should not wait for it").containsExactly("lost");

        p.publish(Fixtures.twoUnits(4).build(), java.util.Set.of("lost")); // no exception: the dead unit is not waited for
        for (SandboxUnit u : sandbox.units()) {
            await("version 4 in " + u.code(), () -> p.current(u.code()).map(UnitRules::version).orElse(0L) == 4);
        }
        await("the dead unit's try ends", () -> p.publishingInBackground() == 0);
        assertThat(p.failingUnits()).containsExactly("lost");

        p.publish(Fixtures.twoUnits(5).build(), java.util.Set.of("unit-b", "lost"));
        await("unit-b, not waited for, still gets version 5", () -> p.current("unit-b").map(UnitRules::version).orElse(0L) == 5);
        await("the background publications are done", () -> p.publishingInBackground() == 0);
        assertThat(p.current("center")).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(5));
        assertThat(p.failingUnits()).containsExactly("lost");
    }

    @Test
    void anAgentThatDiesDropsOutOfTheDirectory(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        SandboxUnit center = sandbox.unit("center");
        publisher(sandbox, ch).publish(Fixtures.twoUnits(1).build());
        RulesSubscriber survivor = subscriber(center, ch, "gateway", null);
        RulesSubscriber victim = subscriber(center, ch, "db-guard", null);
        AgentDirectory dir = directory(center, ch).ackGrace(Duration.ofSeconds(1));
        await("both listed", () -> dir.liveAgents().size() == 2);
        ConfigService raw = rawConfig(center);
        awaitReads("the victim's item is written", () -> "1".equals(ackItem(raw, victim.agentId())));
        victim.abandon(); // connection gone without deregistering, as after a crash
        await("the dead agent is gone", () -> dir.liveAgents().size() == 1);
        assertThat(dir.liveAgents()).extracting(AgentStatus::agentId).containsExactly(survivor.agentId());
        // its item outlives it until the directory removes it after the grace period
        awaitReads("the dead agent's left-over item is removed", () -> {
            dir.liveAgents();
            return ackItem(raw, victim.agentId()) == null;
        });
        assertThat(ackItem(raw, survivor.agentId())).isEqualTo("1");
    }

    @Test
    void aSubscriberStartedWhileNacosIsUnreachableUsesItsSnapshotFile(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        SandboxUnit b = sandbox.unit("unit-b");
        Path snapshot = Path.of("target", ch, "rules.json");
        publisher(sandbox, ch).publish(Fixtures.twoUnits(4).build());
        RulesSubscriber first = subscriber(b, ch, "gateway", snapshot);
        await("version 4 applied", () -> first.appliedVersion() == 4); // Nacos serves a publication after a short dump delay
        assertThat(Files.readString(snapshot)).contains("\"version\": 4");

        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        RulesSubscriber offline = RulesSubscriber.builder().serverAddr("127.0.0.1:" + deadPort).unit("unit-b").agentKind("gateway")
                .dataId(ch + ".json").group(ch).snapshotFile(snapshot).initialTimeout(Duration.ofSeconds(2)).build().start();
        closeAfter.add(offline);
        assertThat(offline.appliedVersion()).isEqualTo(4);
        assertThat(offline.metrics().snapshotLoadCount()).isEqualTo(1);
        assertThat(offline.snapshot().unitOf(9_999).code()).isEqualTo("unit-b");

        RulesSubscriber nothing = RulesSubscriber.builder().serverAddr("127.0.0.1:" + deadPort).unit("unit-b").agentKind("gateway")
                .dataId(ch + ".json").group(ch).snapshotFile(Path.of("target", ch, "absent.json"))
                .initialTimeout(Duration.ofSeconds(2)).build().start();
        closeAfter.add(nothing);
        assertThatThrownBy(nothing::snapshot).isInstanceOf(RulesUnavailableException.class).hasMessageContaining("has no rules yet");
    }

    @Test
    void subscribersSurviveANacosRestartAndReportAgainAfterIt(UnitSandbox sandbox, TestInfo info) throws Exception {
        String ch = name(info);
        SandboxUnit b = sandbox.unit("unit-b");
        RulesPublisher p = publisher(sandbox, ch);
        p.publish(Fixtures.twoUnits(1).build());
        RulesSubscriber s1 = subscriber(b, ch, "gateway", null);
        RulesSubscriber s2 = subscriber(b, ch, "mq-consumer", null);
        AgentDirectory dir = directory(b, ch);
        await("both listed at version 1", () -> versionsById(dir).values().stream().filter(v -> v == 1).count() == 2);

        sandbox.stopServer("unit-b", ServerKind.NACOS);
        try {
            assertThatThrownBy(() -> p.publish(Fixtures.twoUnits(2).build())).isInstanceOf(RulesPublishException.class)
                    .hasMessageContaining("unit-b");
            assertThat(s1.appliedVersion()).isEqualTo(1);
        } finally {
            sandbox.startServer("unit-b", ServerKind.NACOS);
        }
        p.publish(Fixtures.twoUnits(2).build()); // safe to repeat: the center has it already
        await("both subscribers apply version 2 after the restart", () -> s1.appliedVersion() == 2 && s2.appliedVersion() == 2);
        Map<String, Long> expected = Map.of(s1.agentId(), 2L, s2.agentId(), 2L);
        try {
            await("both listed again with version 2", () -> versionsById(dir).equals(expected));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listed: " + versionsById(dir) + ", expected " + expected, e);
        }
    }
}
