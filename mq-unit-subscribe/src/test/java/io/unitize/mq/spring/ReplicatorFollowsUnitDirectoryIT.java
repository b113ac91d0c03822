package io.unitize.mq.spring;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.rocketmq.UnitProducer;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replicator of unit-b takes the center's name server from units[] of the rules and follows a
 * new rules version that moves it: it reconnects to the new address, and every message sent in
 * unit-b before and after the move reaches the center (none lost). The "new" address is the same
 * name server written as a two-entry list, the only second address of it the sandbox has.
 */
@SandboxServers({ServerKind.ROCKETMQ, ServerKind.NACOS})
class ReplicatorFollowsUnitDirectoryIT {

    static final class Recording implements UnitMessageListener {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(UnitMessage message) {
            keys.add(message.keys());
        }
    }

    private static UnitRules rules(long version, SandboxUnit center, String centerNamesrv, SandboxUnit b) {
        return UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("name server of the center")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, 0, Map.of(UnitEndpoints.ROCKETMQ, centerNamesrv)))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, 1, Map.of(UnitEndpoints.ROCKETMQ, b.namesrvAddr())))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build();
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void aMovedNameServerIsFollowedAndNoMessageIsLost(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        center.createTopic("IT_FOLLOW", 4);
        b.createTopic("IT_FOLLOW", 4);
        String channel = "mq-follow-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String moved = center.namesrvAddr() + ";" + center.namesrvAddr();
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build()) {
            publisher.publish(rules(1, center, center.namesrvAddr(), b));
            await("Nacos of unit-b serves version 1", Duration.ofSeconds(60), () -> publisher.current("unit-b").isPresent());

            ApplicationContextRunner centerApp = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class))
                    .withBean("recording", Recording.class, Recording::new)
                    .withPropertyValues("unitize.unit=center", "unitize.mq.name-server=" + center.namesrvAddr(),
                            "unitize.mq.consumers.it-follow-all.mode=all-unit", "unitize.mq.consumers.it-follow-all.topics=IT_FOLLOW",
                            "unitize.mq.consumers.it-follow-all.listener=recording");
            ApplicationContextRunner bApp = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class, UnitizeMqAutoConfiguration.class))
                    .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                            "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                            "unitize.mq.name-server=" + b.namesrvAddr(), "unitize.mq.producer.group=it-follow-producer",
                            "unitize.mq.replicator.enabled=true", "unitize.mq.replicator.topics=IT_FOLLOW");
            centerApp.run(cctx -> bApp.run(bctx -> {
                assertThat(cctx).hasNotFailed();
                assertThat(bctx).hasNotFailed();
                Replicators replicators = bctx.getBean(Replicators.class);
                assertThat(replicators.nameServerOf("center")).as("from units[]").isEqualTo(center.namesrvAddr());
                UnitProducer producer = bctx.getBean(UnitProducer.class);
                for (int i = 0; i < 20; i++) {
                    producer.send("IT_FOLLOW", "T", "follow-" + i, "x".getBytes(StandardCharsets.UTF_8), 5000L + i, null);
                }
                publisher.publish(rules(2, center, moved, b));
                RulesSubscriber subscriber = bctx.getBean(RulesSubscriber.class);
                await("unit-b applies version 2", Duration.ofSeconds(60), () -> subscriber.appliedVersion() == 2);
                assertThat(replicators.nameServerOf("center")).as("reconnected to the moved name server").isEqualTo(moved);
                for (int i = 20; i < 40; i++) {
                    producer.send("IT_FOLLOW", "T", "follow-" + i, "x".getBytes(StandardCharsets.UTF_8), 5000L + i, null);
                }
                Recording received = cctx.getBean("recording", Recording.class);
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < 40; i++) {
                    expected.add("follow-" + i);
                }
                await("every message sent in unit-b, before and after the move, reaches the center", Duration.ofSeconds(120),
                        () -> new HashSet<>(received.keys).containsAll(expected));
                assertThat(new HashSet<>(received.keys)).isEqualTo(expected);
            }));
        }
    }
}
