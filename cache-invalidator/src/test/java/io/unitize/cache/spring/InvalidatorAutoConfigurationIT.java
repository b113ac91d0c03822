package io.unitize.cache.spring;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.cache.InvalidatorConfigException;
import io.unitize.cache.canal.UnitInvalidator;
import io.unitize.cache.micrometer.InvalidatorMetrics;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invalidator starter on the sandbox (MariaDB, Canal, Redis per unit): from properties alone it
 * checks the rules against the live schema, reads the server id, deletes keys in both units' Redis,
 * and exposes its meters; bad configuration fails startup naming the property and the culprit.
 */
@SandboxServers({ServerKind.MARIADB, ServerKind.CANAL, ServerKind.REDIS})
class InvalidatorAutoConfigurationIT {

    private static final String DB = "it_cache_starter";
    private static UnitSandbox sandbox;
    private static final Map<String, StatefulRedisConnection<String, String>> REDIS = new LinkedHashMap<>();
    private static final List<RedisClient> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void schema(UnitSandbox sb) throws Exception {
        sandbox = sb;
        SandboxUnit center = sandbox.center();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".product (id BIGINT PRIMARY KEY, seller_id BIGINT NOT NULL, title VARCHAR(64))");
        }
        for (SandboxUnit u : sandbox.units()) {
            RedisClient c = RedisClient.create(u.redisUri());
            CLIENTS.add(c);
            REDIS.put(u.code(), c.connect());
        }
        awaitReplicated(sandbox.unit("unit-b"));
    }

    private static void awaitReplicated(SandboxUnit u) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(u.jdbcUrl(DB), u.dbUser(), u.dbPassword()); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM product LIMIT 1").close();
                return;
            } catch (java.sql.SQLException notYet) {
                assertThat(System.nanoTime()).as("schema replicated to " + u.code()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void close() {
        REDIS.values().forEach(StatefulRedisConnection::close);
        CLIENTS.forEach(RedisClient::shutdown);
    }

    private static ApplicationContextRunner app(String unit) {
        SandboxUnit u = sandbox.unit(unit);
        List<String> props = new ArrayList<>(List.of("unitize.unit=" + unit,
                "unitize.cache.invalidator.enabled=true",
                "unitize.cache.invalidator.canal-address=127.0.0.1:" + u.canalPort(),
                "unitize.cache.invalidator.database.url=" + u.jdbcUrl(DB),
                "unitize.cache.invalidator.database.username=" + u.dbUser(),
                "unitize.cache.invalidator.database.password=" + u.dbPassword(),
                "unitize.cache.invalidator.database.schema=" + DB,
                "unitize.cache.invalidator.rules.product.keys[0]=product:{id}",
                "unitize.cache.invalidator.rules.product.keys[1]=seller:{seller_id}:products",
                "unitize.cache.invalidator.rules.product.scope=all-units"));
        for (SandboxUnit each : sandbox.units()) {
            props.add("unitize.cache.invalidator.redis." + each.code() + "=" + each.redisUri());
        }
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeInvalidatorAutoConfiguration.class, UnitizeInvalidatorHealthAutoConfiguration.class))
                .withPropertyValues(props.toArray(String[]::new));
    }

    private static boolean goneEverywhere(String key) {
        return REDIS.values().stream().allMatch(r -> r.sync().exists(key) == 0);
    }

    @Test
    void fromPropertiesAloneItDeletesTheKeysInEveryUnitAndCountsThem() {
        SandboxUnit center = sandbox.center();
        app(center.code()).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            UnitInvalidator inv = ctx.getBean(UnitInvalidator.class);
            assertThat(inv.serverId()).as("read from the database").isEqualTo(center.dbServerId());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ctx.getBean(InvalidatorMetrics.class).bindTo(meters);
            Thread.sleep(500); // connected and subscribed before the change
            REDIS.values().forEach(r -> {
                r.sync().set("product:42", "cached");
                r.sync().set("seller:9:products", "cached");
            });
            try (Connection c = DriverManager.getConnection(center.jdbcUrl(DB), center.dbUser(), center.dbPassword());
                 Statement s = c.createStatement()) {
                s.execute("REPLACE INTO product VALUES (42, 9, 'boots')");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(goneEverywhere("product:42") && goneEverywhere("seller:9:products"))) {
                assertThat(System.nanoTime()).as("keys deleted in both units' Redis").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(meters.get("unitize.cache.keys.deleted").tag("unit", center.code()).functionCounter().count())
                    .as("2 keys x 2 units at least").isGreaterThanOrEqualTo(4);
            assertThat(meters.get("unitize.cache.invalidation.lag").tag("unit", center.code()).timer().count())
                    .as("each batch's lag is a timer sample").isGreaterThanOrEqualTo(1);
            var canal = ctx.getBean("unitizeCanalHealthIndicator", org.springframework.boot.actuate.health.HealthIndicator.class).health();
            assertThat(canal.getStatus()).as("connected to the unit's Canal and caught up").isEqualTo(org.springframework.boot.actuate.health.Status.UP);
            assertThat(canal.getDetails()).containsEntry("connected", true);
            assertThat(meters.find("unitize.cache.delete.retries").functionCounter()).isNotNull();
            assertThat(meters.find("unitize.cache.delete.errors").functionCounter()).isNotNull();
        });
    }

    @Test
    void anUnknownTableFailsStartupNamingIt() {
        app("unit-b").withPropertyValues("unitize.cache.invalidator.rules.prodcut.keys[0]=product:{id}").run(ctx ->
                assertThat(ctx).getFailure().rootCause().isInstanceOf(InvalidatorConfigException.class)
                        .hasMessageContaining("'prodcut'").hasMessageContaining(DB).hasMessageContaining("product"));
    }

    @Test
    void anUnknownColumnFailsStartupNamingIt() {
        app("unit-b").withPropertyValues("unitize.cache.invalidator.rules.product.keys[1]=buyer:{buyer_id}:products").run(ctx ->
                assertThat(ctx).getFailure().rootCause().isInstanceOf(InvalidatorConfigException.class)
                        .hasMessageContaining("'buyer_id'").hasMessageContaining("product").hasMessageContaining("seller_id"));
    }

    @Test
    void aMalformedTemplateOrMissingRedisFailsStartupNamingIt() {
        app("unit-b").withPropertyValues("unitize.cache.invalidator.rules.product.keys[0]=product:{id").run(ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("unitize.cache.invalidator.rules.product")
                        .hasMessageContaining("product:{id"));
        app("unit-b").withPropertyValues("unitize.cache.invalidator.redis.unit-b=").run(ctx -> assertThat(ctx).hasFailed());
        app("unit-b").withPropertyValues("unitize.cache.invalidator.canal-address=localhost").run(ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("canal-address").hasMessageContaining("'localhost'"));
    }
}
