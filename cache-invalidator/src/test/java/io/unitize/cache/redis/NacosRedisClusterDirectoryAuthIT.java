package io.unitize.cache.redis;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import io.unitize.core.nacos.NacosCredentials;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis cluster directory read from a Nacos with authentication on: with credentials it is
 * read; without, startup is refused saying which properties to set. Starts its own sandbox (Nacos
 * only, authentication on): the shared one runs without authentication.
 */
class NacosRedisClusterDirectoryAuthIT {

    @Test
    void readWithCredentialsAndRefusedWithoutThem() throws Exception {
        try (UnitSandbox sandbox = UnitSandbox.builder().baseDir(Path.of("target", "nacos-auth-it")).servers(ServerKind.NACOS)
                .nacosAuth(true).build().start()) {
            SandboxUnit unit = sandbox.unit("unit-b");
            NacosCredentials admin = NacosCredentials.user(unit.nacosUsername(), unit.nacosPassword());
            Properties p = new Properties();
            p.setProperty("serverAddr", unit.nacosAddr());
            admin.applyTo(p);
            ConfigService config = NacosFactory.createConfigService(p);
            try {
                assertThat(config.publishConfig("auth-clusters.properties", "UNITIZE", "order-cache=redis://127.0.0.1:6379")).isTrue();
            } finally {
                config.shutDown();
            }

            RedisClusterDirectory dir = NacosRedisClusterDirectory.read(unit.nacosAddr(), null, "auth-clusters.properties",
                    "UNITIZE", admin);
            assertThat(dir.endpoint("order-cache")).isEqualTo("redis://127.0.0.1:6379");

            assertThatThrownBy(() -> NacosRedisClusterDirectory.read(unit.nacosAddr(), null, "auth-clusters.properties", "UNITIZE"))
                    .isInstanceOf(RedisSourceConfigException.class)
                    .hasMessageStartingWith("UNITIZE-CACHE-020 the Redis cluster directory at Nacos " + unit.nacosAddr()
                            + " data id auth-clusters.properties group UNITIZE was refused (")
                    .hasMessageContaining("with no credentials: that Nacos has authentication on; set "
                            + "unitize.redis.clusters.username/password");
        }
    }
}
