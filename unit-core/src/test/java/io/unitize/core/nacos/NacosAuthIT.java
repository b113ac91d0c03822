package io.unitize.core.nacos;

import io.unitize.core.Fixtures;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules channel against the sandbox's two Nacos servers with authentication on
 * ({@code nacos.core.auth.enabled=true}): clients with credentials publish, apply and list agents;
 * clients without them, or with a wrong password, are refused with an error that says what to set.
 * This class starts its own sandbox (Nacos only): the shared one runs without authentication.
 */
class NacosAuthIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static UnitSandbox sandbox;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startNacosWithAuthentication() {
        sandbox = UnitSandbox.builder().baseDir(Path.of("target", "nacos-auth-it")).servers(ServerKind.NACOS).nacosAuth(true)
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    private static NacosCredentials admin(SandboxUnit unit) {
        return NacosCredentials.user(unit.nacosUsername(), unit.nacosPassword());
    }

    @Test
    void withCredentialsRulesArePublishedAppliedAndAcknowledged() throws Exception {
        String ch = "auth-ok-" + Long.toHexString(System.nanoTime() & 0xffffff);
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(ch + ".json").group(ch);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr(), admin(u)));
        RulesPublisher publisher = pb.build();
        closeAfter.add(publisher);

        publisher.publish(Fixtures.twoUnits(3).build());

        for (SandboxUnit unit : sandbox.units()) {
            assertThat(unit.nacosAuthEnabled()).isTrue();
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(unit.nacosAddr()).credentials(admin(unit)).unit(unit.code())
                    .agentKind("gateway").dataId(ch + ".json").group(ch).build().start();
            closeAfter.add(s);
            assertThat(s.snapshot().version()).isEqualTo(3);
            AgentDirectory dir = AgentDirectory.connect(unit.code(), unit.nacosAddr(), null, ch, admin(unit));
            closeAfter.add(dir);
            await(unit.code() + "'s agent acknowledged version 3", () -> dir.liveAgents().stream()
                    .anyMatch(a -> a.agentId().equals(s.agentId()) && a.appliedVersion() == 3));
            // the acknowledgement item was written with the agent's credentials
            com.alibaba.nacos.api.config.ConfigService raw = com.alibaba.nacos.api.NacosFactory.createConfigService(
                    RulesChannel.clientProperties(unit.nacosAddr(), null, admin(unit)));
            closeAfter.add(raw::shutDown);
            assertThat(raw.getConfig("ack." + s.agentId(), RulesChannel.ACKS_GROUP, 3_000)).isEqualTo("3");
        }
    }

    @Test
    void aSubscriberWithoutCredentialsIsRefusedSayingWhatToSet() {
        SandboxUnit unit = sandbox.unit("unit-b");
        RulesSubscriber.Builder b = RulesSubscriber.builder().serverAddr(unit.nacosAddr()).unit(unit.code()).agentKind("gateway")
                .dataId("auth-refused.json").group("auth-refused");

        assertThatThrownBy(() -> closeAfter.add(b.build().start()))
                .isInstanceOf(NacosAuthenticationException.class)
                .hasMessageStartingWith("UNITIZE-RULE-017 agent gateway in unit unit-b: reading rules auth-refused.json was refused by the"
                        + " Nacos at " + unit.nacosAddr())
                .hasMessageContaining("with no credentials: that Nacos has authentication on; set unitize.rules.username and"
                        + " unitize.rules.password (or access-key and secret-key)");
    }

    @Test
    void aSubscriberWithAWrongPasswordIsRefusedNamingTheUser() {
        SandboxUnit unit = sandbox.unit("center");
        RulesSubscriber.Builder b = RulesSubscriber.builder().serverAddr(unit.nacosAddr()).unit(unit.code()).agentKind("db-guard")
                .credentials(NacosCredentials.user(unit.nacosUsername(), "not-the-password"))
                .dataId("auth-wrong.json").group("auth-wrong");

        assertThatThrownBy(() -> closeAfter.add(b.build().start()))
                .isInstanceOf(NacosAuthenticationException.class)
                .hasMessageContaining("with user 'nacos': that Nacos has authentication on; check the user's password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aPublisherAndADirectoryWithoutCredentialsAreRefused() {
        SandboxUnit unit = sandbox.unit("center");
        RulesPublisher publisher = RulesPublisher.builder().dataId("auth-pub.json").group("auth-pub")
                .unit(unit.code(), unit.nacosAddr()).build();
        closeAfter.add(publisher);
        assertThatThrownBy(() -> publisher.publish(Fixtures.twoUnits(1).build()))
                .isInstanceOfSatisfying(RulesPublishException.class, e -> assertThat(e.failures().get("center"))
                        .startsWith("cannot read the document in force: UNITIZE-RULE-025 reading the document of unit center was"
                                + " refused by the Nacos at " + unit.nacosAddr())
                        .contains("with no credentials: that Nacos has authentication on"));

        AgentDirectory dir = AgentDirectory.connect(unit.code(), unit.nacosAddr(), null, "auth-pub");
        closeAfter.add(dir);
        assertThatThrownBy(dir::liveAgents).isInstanceOf(NacosAuthenticationException.class)
                .hasMessageStartingWith("UNITIZE-RULE-042 listing the agents of unit center was refused by the Nacos at "
                        + unit.nacosAddr());
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
}
