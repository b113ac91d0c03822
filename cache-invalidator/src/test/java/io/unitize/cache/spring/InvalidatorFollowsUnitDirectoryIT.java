package io.unitize.cache.spring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.unitize.cache.canal.UnitInvalidator;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invalidator starter takes every unit's Redis from units[] ({@code redis.<cluster>}) and follows
 * a rules version that moves one while rows are being written: unit-b's {@code cache} moves from
 * unit-b's Redis to the other Redis of the sandbox (the center's). The table is LOCAL, so only unit-b's
 * endpoint receives its deletes; each row's key is cached in both Redis before the row is written.
 * Every row written after unit-b applied the move has its key deleted in the new Redis (and left in the
 * old one), and every row written before or during the move has its key deleted in one of them: no
 * invalidation is lost.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.CANAL, ServerKind.REDIS})
class InvalidatorFollowsUnitDirectoryIT {

    private static final String DB = "it_cache_follow";
    private static final int ROWS_AFTER = 60;

    private static UnitRules rules(long version, SandboxUnit center, String unitBCache) {
        return UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("cache of unit-b")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, 0, Map.of(UnitEndpoints.redis("cache"), center.redisUri())))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, 1, Map.of(UnitEndpoints.redis("cache"), unitBCache)))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    /** A row id written, and in which phase: 0 before the push, 1 pushed but not yet applied by unit-b, 2 after. */
    private record Written(long id, int phase) {
    }

    @Test
    void aMovedRedisIsFollowedAndNoInvalidationIsLost(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(b.jdbcUrl(""), b.dbUser(), b.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".cart (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL)");
        }
        String channel = "cache-follow-" + Long.toHexString(System.nanoTime() & 0xffffff);
        RedisClient oldClient = RedisClient.create(b.redisUri());
        RedisClient newClient = RedisClient.create(center.redisUri());
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build();
             StatefulRedisConnection<String, String> oldConn = oldClient.connect();
             StatefulRedisConnection<String, String> newConn = newClient.connect()) {
            RedisCommands<String, String> oldRedis = oldConn.sync();
            RedisCommands<String, String> newRedis = newConn.sync();
            publisher.publish(rules(1, center, b.redisUri()));
            await("Nacos of unit-b serves version 1", () -> publisher.current("unit-b").isPresent());
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class, UnitizeInvalidatorAutoConfiguration.class))
                    .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                            "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                            "unitize.cache.invalidator.enabled=true",
                            "unitize.cache.invalidator.canal-address=127.0.0.1:" + b.canalPort(),
                            "unitize.cache.invalidator.database.url=" + b.jdbcUrl(DB),
                            "unitize.cache.invalidator.database.username=" + b.dbUser(),
                            "unitize.cache.invalidator.database.password=" + b.dbPassword(),
                            "unitize.cache.invalidator.database.schema=" + DB,
                            "unitize.cache.invalidator.rules.cart.keys[0]=cart:" + channel + ":{id}",
                            "unitize.cache.invalidator.rules.cart.scope=local")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        UnitInvalidator inv = ctx.getBean(UnitInvalidator.class);
                        assertThat(inv.redisEndpoints()).as("from units[]").containsEntry("unit-b", b.redisUri());
                        RulesSubscriber subscriber = ctx.getBean(RulesSubscriber.class);

                        // the invalidator is reading: a first row's key goes from the old Redis
                        String probe = "cart:" + channel + ":0";
                        oldRedis.set(probe, "cached");
                        try (Connection c = DriverManager.getConnection(b.jdbcUrl(DB), b.dbUser(), b.dbPassword()); Statement s = c.createStatement()) {
                            s.execute("REPLACE INTO cart VALUES (0, 1)");
                        }
                        await("the invalidator deletes in unit-b's Redis", () -> oldRedis.exists(probe) == 0);

                        AtomicBoolean stop = new AtomicBoolean();
                        AtomicReference<Integer> phase = new AtomicReference<>(0);
                        List<Written> written = java.util.Collections.synchronizedList(new ArrayList<>());
                        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
                        Thread writer = new Thread(() -> {
                            try (Connection c = DriverManager.getConnection(b.jdbcUrl(DB), b.dbUser(), b.dbPassword());
                                 PreparedStatement insert = c.prepareStatement("REPLACE INTO cart VALUES (?, ?)")) {
                                for (long id = 1; !stop.get(); id++) {
                                    int at = phase.get(); // read before the write: a row is "after" only if unit-b had applied first
                                    String key = "cart:" + channel + ":" + id;
                                    oldRedis.set(key, "cached");
                                    newRedis.set(key, "cached");
                                    insert.setLong(1, id);
                                    insert.setLong(2, id);
                                    insert.executeUpdate();
                                    written.add(new Written(id, at));
                                }
                            } catch (Throwable t) {
                                writerFailure.set(t);
                            }
                        }, "cart-writer");
                        writer.start();
                        await("rows written before the push", () -> written.size() >= 30 || writerFailure.get() != null);

                        phase.set(1);
                        publisher.publish(rules(2, center, center.redisUri()));
                        await("unit-b applies version 2", () -> subscriber.appliedVersion() == 2);
                        phase.set(2);
                        assertThat(inv.redisEndpoints()).as("moved").containsEntry("unit-b", center.redisUri());
                        await(ROWS_AFTER + " rows written after the move", () -> written.stream().filter(w -> w.phase() == 2).count() >= ROWS_AFTER
                                || writerFailure.get() != null);
                        stop.set(true);
                        writer.join();
                        assertThat(writerFailure.get()).as("the writer").isNull();

                        List<Written> rows = List.copyOf(written);
                        await("every row after the move has its key deleted in the new Redis", () -> rows.stream().filter(w -> w.phase() == 2)
                                .allMatch(w -> newRedis.exists("cart:" + channel + ":" + w.id()) == 0));
                        await("every row before or during the move has its key deleted in one of them", () -> rows.stream()
                                .filter(w -> w.phase() < 2).allMatch(w -> newRedis.exists("cart:" + channel + ":" + w.id()) == 0
                                        || oldRedis.exists("cart:" + channel + ":" + w.id()) == 0));
                        assertThat(rows.stream().filter(w -> w.phase() == 2)
                                .filter(w -> oldRedis.exists("cart:" + channel + ":" + w.id()) == 0).map(Written::id).toList())
                                .as("rows after the move: the old Redis is left alone").isEmpty();
                    });
        } finally {
            oldClient.shutdown();
            newClient.shutdown();
        }
    }
}
