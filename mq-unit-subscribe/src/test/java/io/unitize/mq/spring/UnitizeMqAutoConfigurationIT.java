package io.unitize.mq.spring;

import io.unitize.mq.MqConfigException;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.UnitSubscription;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter on both units' brokers: from properties (an ALL_UNIT group, the replicator to the
 * peer) and an annotated listener (a NORMAL group), a message sent with the producer bean in the
 * center reaches the ALL_UNIT listener in both units and the NORMAL one only in the center; bad
 * declarations fail startup naming the group and property.
 */
@SandboxServers({ServerKind.ROCKETMQ})
class UnitizeMqAutoConfigurationIT {

    static final class Recording implements UnitMessageListener {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(UnitMessage message) {
            keys.add(message.keys());
        }
    }

    @UnitSubscription(group = "it-starter-normal", mode = SubscriptionMode.NORMAL, topics = "IT_STARTER")
    static final class AnnotatedNormal implements UnitMessageListener {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(UnitMessage message) {
            keys.add(message.keys());
        }
    }

    private static ApplicationContextRunner app(SandboxUnit u, SandboxUnit peer) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeMqAutoConfiguration.class, UnitizeMqHealthAutoConfiguration.class))
                .withBean("recording", Recording.class, Recording::new)
                .withBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class)
                .withBean("annotated", AnnotatedNormal.class, AnnotatedNormal::new)
                .withPropertyValues("unitize.unit=" + u.code(), "unitize.mq.name-server=" + u.namesrvAddr(),
                        "unitize.mq.producer.group=it-starter-producer",
                        "unitize.mq.consumers.it-starter-all.mode=all-unit", "unitize.mq.consumers.it-starter-all.topics=IT_STARTER",
                        "unitize.mq.consumers.it-starter-all.listener=recording",
                        "unitize.mq.replicator.enabled=true", "unitize.mq.replicator.topics=IT_STARTER",
                        "unitize.mq.replicator.peers." + peer.code() + "=" + peer.namesrvAddr());
    }

    @Test
    void groupsFromPropertiesAndAnnotationsWithTheReplicator(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        center.createTopic("IT_STARTER", 4);
        b.createTopic("IT_STARTER", 4);
        ApplicationContextRunner centerApp = app(center, b);
        ApplicationContextRunner bApp = app(b, center);
        centerApp.run(cctx -> bApp.run(bctx -> {
            assertThat(cctx).hasNotFailed();
            assertThat(bctx).hasNotFailed();
            assertThat(cctx.getBean(UnitConsumers.class).consumers()).containsOnlyKeys("it-starter-all", "it-starter-normal");
            cctx.getBean(UnitProducer.class).send("IT_STARTER", "T", "starter-1", "x".getBytes(StandardCharsets.UTF_8), 7L, null);
            Recording centerAll = cctx.getBean("recording", Recording.class);
            Recording bAll = bctx.getBean("recording", Recording.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(centerAll.keys.contains("starter-1") && bAll.keys.contains("starter-1")
                    && cctx.getBean(AnnotatedNormal.class).keys.contains("starter-1"))) {
                assertThat(System.nanoTime()).as("delivered in both units").isLessThan(deadline);
                Thread.sleep(25);
            }
            Thread.sleep(1000);
            assertThat(bctx.getBean(AnnotatedNormal.class).keys).as("NORMAL: not consumed in unit-b").isEmpty();
            assertThat(centerAll.keys).containsExactly("starter-1");
            assertThat(bAll.keys).containsExactly("starter-1");
            var meters = cctx.getBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class);
            assertThat(meters.get("unitize.mq.consume.decisions").tags("group", "it-starter-all", "decision", "CONSUME").functionCounter().count())
                    .isEqualTo(1.0);
            var bMeters = bctx.getBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class);
            assertThat(bMeters.get("unitize.mq.consume.decisions").tags("group", "it-starter-normal", "decision", "SKIP_REPLICA")
                    .functionCounter().count()).as("the copy in unit-b skipped by the NORMAL group").isEqualTo(1.0);
            assertThat(meters.get("unitize.mq.replication.copied").tags("from", "center", "to", "unit-b").functionCounter().count()).isEqualTo(1.0);
            assertThat(meters.get("unitize.mq.replication.lag").tags("from", "center", "to", "unit-b").timer().count())
                    .as("the copy's lag is a timer sample").isEqualTo(1);
            var health = cctx.getBean("unitizeReplicationHealthIndicator", org.springframework.boot.actuate.health.HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
            assertThat(health.getDetails()).containsKey("center->unit-b");
        }));
    }

    private static Throwable root(Throwable t) {
        while (t != null && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void badDeclarationsFailStartupNamingThem(UnitSandbox sandbox) {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        app(center, b).withPropertyValues("unitize.mq.replicator.enabled=false", "unitize.mq.consumers.it-starter-all.listener=nobody").run(ctx ->
                assertThat(root(ctx.getStartupFailure())).isInstanceOf(MqConfigException.class)
                        .hasMessageContaining("unitize.mq.consumers.it-starter-all.listener").hasMessageContaining("'nobody'"));
        app(center, b).withPropertyValues("unitize.mq.replicator.enabled=false", "unitize.mq.consumers.it-starter-all.mode=unit").run(ctx ->
                assertThat(root(ctx.getStartupFailure())).isInstanceOf(MqConfigException.class)
                        .hasMessageContaining("it-starter-all").hasMessageContaining("needs the unit's rules"));
        app(center, b).withPropertyValues("unitize.mq.replicator.enabled=false", "unitize.mq.consumers.it-starter-all.mode=").run(ctx ->
                assertThat(root(ctx.getStartupFailure())).hasMessageContaining("unitize.mq.consumers.it-starter-all.mode"));
    }
}
