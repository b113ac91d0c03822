package io.unitize.cache.spring;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.unitize.cache.lock.UnitLock;
import io.unitize.cache.lock.UnitLocks;
import io.unitize.cache.redis.CenterRedisUnavailableException;
import io.unitize.cache.redis.NacosRedisClusterDirectory;
import io.unitize.cache.redis.RedisSource;
import io.unitize.cache.redis.RedisSources;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multi-source Redis through the starter on the sandbox: each unit's Nacos holds its cluster
 * directory; a UNIT source reaches the unit's own Redis, a CENTER source exists only in the center,
 * an application codec is kept for its source, locks go to the Redis of their scope.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.REDIS})
class RedisSourcesIT {

    private static UnitSandbox sandbox;
    private static final Map<String, StatefulRedisConnection<String, String>> RAW = new LinkedHashMap<>();
    private static final Map<String, RedisClient> CLIENTS = new LinkedHashMap<>();

    /** An application's own serializer: values stored as {@code v1|<text>}. */
    static final class VersionedCodec implements RedisCodec<String, String> {
        @Override
        public String decodeKey(ByteBuffer bytes) {
            return StringCodec.UTF8.decodeKey(bytes);
        }

        @Override
        public String decodeValue(ByteBuffer bytes) {
            String raw = StringCodec.UTF8.decodeValue(bytes);
            return raw.startsWith("v1|") ? raw.substring(3) : "?" + raw;
        }

        @Override
        public ByteBuffer encodeKey(String key) {
            return StringCodec.UTF8.encodeKey(key);
        }

        @Override
        public ByteBuffer encodeValue(String value) {
            return ByteBuffer.wrap(("v1|" + value).getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void publishDirectories(UnitSandbox sb) throws Exception {
        sandbox = sb;
        for (SandboxUnit u : sandbox.units()) {
            Properties p = new Properties();
            p.setProperty("serverAddr", u.nacosAddr());
            ConfigService config = NacosFactory.createConfigService(p);
            try {
                String directory = "order-cache=" + u.redisUri() + "\n" + (u.isCenter() ? "catalog-cache=" + u.redisUri() + "\n" : "");
                assertThat(config.publishConfig(NacosRedisClusterDirectory.DEFAULT_DATA_ID, NacosRedisClusterDirectory.DEFAULT_GROUP, directory)).isTrue();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!directory.equals(config.getConfig(NacosRedisClusterDirectory.DEFAULT_DATA_ID, NacosRedisClusterDirectory.DEFAULT_GROUP, 2000))) {
                    assertThat(System.nanoTime()).as("directory readable in " + u.code()).isLessThan(deadline);
                    Thread.sleep(50);
                }
            } finally {
                config.shutDown();
            }
            RedisClient c = RedisClient.create(u.redisUri());
            CLIENTS.put(u.code(), c);
            RAW.put(u.code(), c.connect());
        }
    }

    @AfterAll
    static void close() {
        RAW.values().forEach(StatefulRedisConnection::close);
        CLIENTS.values().forEach(RedisClient::shutdown);
    }

    private static ApplicationContextRunner app(String unit) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeRedisAutoConfiguration.class))
                .withBean("versionedCodec", VersionedCodec.class, VersionedCodec::new)
                .withPropertyValues("unitize.unit=" + unit, "unitize.rules.server-addr=" + sandbox.unit(unit).nacosAddr(),
                        "unitize.redis.sources.orders.mode=unit", "unitize.redis.sources.orders.cluster-name=order-cache",
                        "unitize.redis.sources.catalog.mode=center", "unitize.redis.sources.catalog.cluster-name=catalog-cache",
                        "unitize.redis.sources.catalog.codec=versionedCodec",
                        "unitize.redis.locks.unit-source=orders", "unitize.redis.locks.center-source=catalog");
    }

    @Test
    void aUnitSourceReachesTheRedisOfItsOwnUnitFromTheUnitsDirectory() {
        for (SandboxUnit u : sandbox.units()) {
            app(u.code()).run(ctx -> {
                assertThat(ctx).hasNotFailed();
                RedisSource<String, String> orders = ctx.getBean(RedisSources.class).get("orders");
                assertThat(ctx.getBean("ordersRedisSource")).isSameAs(orders);
                orders.sync().set("rs:order:" + u.code(), "in " + u.code());
                for (SandboxUnit other : sandbox.units()) {
                    String raw = RAW.get(other.code()).sync().get("rs:order:" + u.code());
                    assertThat(raw).as("written through unit %s's source, read in %s's Redis", u.code(), other.code())
                            .isEqualTo(other.code().equals(u.code()) ? "in " + u.code() : null);
                }
            });
        }
    }

    @Test
    void aCenterSourceExistsOnlyInTheCenterAndKeepsTheApplicationsCodec() {
        String center = sandbox.center().code();
        app(center).run(ctx -> {
            RedisSource<String, String> catalog = ctx.getBean(RedisSources.class).get("catalog");
            assertThat(catalog.available()).isTrue();
            catalog.sync().set("rs:catalog:1", "shoes");
            assertThat(RAW.get(center).sync().get("rs:catalog:1")).as("stored by the application's codec").isEqualTo("v1|shoes");
            assertThat(catalog.sync().get("rs:catalog:1")).isEqualTo("shoes");
            RedisSource<String, String> orders = ctx.getBean(RedisSources.class).get("orders");
            orders.sync().set("rs:plain", "x");
            assertThat(RAW.get(center).sync().get("rs:plain")).as("the other source keeps the default codec").isEqualTo("x");
        });
        app("unit-b").run(ctx -> {
            assertThat(ctx).as("a center source does not stop a unit from starting").hasNotFailed();
            RedisSource<String, String> catalog = ctx.getBean(RedisSources.class).get("catalog");
            assertThat(catalog.available()).isFalse();
            assertThatThrownBy(catalog::sync).isInstanceOf(CenterRedisUnavailableException.class)
                    .hasMessageContaining("'catalog'").hasMessageContaining("unit-b").hasMessageContaining("UNITIZE-CACHE-021");
        });
    }

    @Test
    void anUnknownClusterOrCodecFailsStartupNamingIt() {
        app("unit-b").withPropertyValues("unitize.redis.sources.orders.cluster-name=no-such-cache").run(ctx ->
                assertThat(ctx).getFailure().rootCause().isInstanceOf(io.unitize.cache.redis.RedisSourceConfigException.class)
                        .hasMessageContaining("'orders'").hasMessageContaining("'no-such-cache'").hasMessageContaining("order-cache"));
        app("unit-b").withPropertyValues("unitize.redis.sources.orders.codec=missingCodec").run(ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("unitize.redis.sources.orders.codec")
                        .hasMessageContaining("'missingCodec'"));
        app("unit-b").run(ctx -> assertThatThrownBy(() -> ctx.getBean(RedisSources.class).get("ordres"))
                .hasMessageContaining("'ordres'").hasMessageContaining("orders"));
    }

    @Test
    void buyerLocksUseTheUnitsRedisAndGlobalLocksTheCentersOnlyInTheCenter() {
        app("unit-b").run(ctx -> {
            UnitLocks locks = ctx.getBean(UnitLocks.class);
            Optional<UnitLock.Held> held = locks.tryBuyerLock(5001L, "checkout", Duration.ofSeconds(10));
            assertThat(held).isPresent();
            assertThat(RAW.get("unit-b").sync().get("lock:buyer:5001:checkout")).isEqualTo(held.get().ownerToken());
            assertThat(RAW.get(sandbox.center().code()).sync().exists("lock:buyer:5001:checkout")).isZero();
            assertThat(locks.tryBuyerLock(5001L, "checkout", Duration.ofSeconds(10))).as("held by the first owner").isEmpty();
            assertThat(held.get().release()).isTrue();
            assertThatThrownBy(() -> locks.tryGlobalLock("reindex", Duration.ofSeconds(10)))
                    .isInstanceOf(CenterRedisUnavailableException.class).hasMessageContaining("'catalog'");
        });
        app(sandbox.center().code()).run(ctx -> {
            Optional<UnitLock.Held> held = ctx.getBean(UnitLocks.class).tryGlobalLock("reindex", Duration.ofSeconds(10));
            assertThat(held).isPresent();
            assertThat(RAW.get(sandbox.center().code()).sync().get("lock:global:reindex")).isEqualTo(held.get().ownerToken());
            held.get().release();
        });
    }
}
