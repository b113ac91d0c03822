package io.unitize.cache.spring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.redis.RedisSource;
import io.unitize.cache.redis.RedisSources;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis source takes its cluster's endpoint from units[] of the rules ({@code redis.<cluster>}) and
 * follows a rules version that moves the cluster: unit-b's {@code order-cache} moves from unit-b's
 * Redis to the other Redis of the sandbox, and the next command lands there.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.REDIS})
class RedisSourcesFollowUnitDirectoryIT {

    private static UnitRules rules(long version, SandboxUnit center, SandboxUnit b, String unitBOrderCache) {
        return UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("order-cache of unit-b")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, 0, Map.of(UnitEndpoints.redis("order-cache"), center.redisUri())))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, 1, Map.of(UnitEndpoints.redis("order-cache"), unitBOrderCache)))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    private static String get(SandboxUnit unit, String key) {
        RedisClient client = RedisClient.create(unit.redisUri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().get(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aMovedClusterIsFollowed(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        String channel = "redis-follow-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String key = "follow:" + channel;
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build()) {
            publisher.publish(rules(1, center, b, b.redisUri()));
            await("Nacos of unit-b serves version 1", () -> publisher.current("unit-b").isPresent());
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class, UnitizeRedisAutoConfiguration.class))
                    .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                            "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                            "unitize.redis.sources.orders.mode=unit", "unitize.redis.sources.orders.cluster-name=order-cache")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        RedisSource<String, String> orders = ctx.getBean(RedisSources.class).get("orders");
                        assertThat(orders.endpoint()).as("from units[]").isEqualTo(b.redisUri());
                        orders.sync().set(key, "before");
                        assertThat(get(b, key)).isEqualTo("before");

                        publisher.publish(rules(2, center, b, center.redisUri()));
                        RulesSubscriber subscriber = ctx.getBean(RulesSubscriber.class);
                        await("unit-b applies version 2", () -> subscriber.appliedVersion() == 2);
                        assertThat(orders.endpoint()).as("moved").isEqualTo(center.redisUri());
                        orders.sync().set(key, "after");
                        assertThat(get(center, key)).as("the next command lands on the new endpoint").isEqualTo("after");
                        assertThat(get(b, key)).as("the old one is left alone").isEqualTo("before");
                    });
        }
    }
}
