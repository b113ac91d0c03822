package io.unitize.cache.redis;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitize.core.nacos.NacosAuthenticationException;
import io.unitize.core.nacos.NacosCredentials;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a unit's Redis cluster directory from that unit's Nacos: one properties document
 * (default data id {@code unitize-redis-clusters.properties}, group {@code UNITIZE}) with a line per
 * cluster, {@code order-cache=redis://10.1.0.7:6379}. Read once at startup; moving a cluster is a
 * restart, as it is for a datasource URL.
 */
public final class NacosRedisClusterDirectory {

    public static final String DEFAULT_DATA_ID = "unitize-redis-clusters.properties";
    public static final String DEFAULT_GROUP = "UNITIZE";

    private NacosRedisClusterDirectory() {
    }

    /**
     * @throws RedisSourceConfigException when Nacos cannot be read or the document is missing or malformed
     */
    public static RedisClusterDirectory read(String serverAddr, String namespace, String dataId, String group) {
        return read(serverAddr, namespace, dataId, group, NacosCredentials.NONE);
    }

    /**
     * Reads the directory from a Nacos with authentication on, as {@code credentials}.
     *
     * @throws RedisSourceConfigException when Nacos cannot be read (or refuses these credentials) or the
     *         document is missing or malformed
     */
    public static RedisClusterDirectory read(String serverAddr, String namespace, String dataId, String group,
                                             NacosCredentials credentials) {
        String origin = "Nacos " + serverAddr + " data id " + dataId + " group " + group;
        Properties props = new Properties();
        credentials.applyTo(props);
        props.setProperty("serverAddr", serverAddr);
        if (namespace != null && !namespace.isBlank()) {
            props.setProperty("namespace", namespace);
        }
        ConfigService config = null;
        try {
            config = NacosFactory.createConfigService(props);
            String text = config.getConfig(dataId, group, 5_000);
            if (text == null || text.isBlank()) {
                throw new RedisSourceConfigException("no Redis cluster directory at " + origin
                        + " (publish lines such as order-cache=redis://host:6379)");
            }
            return RedisClusterDirectory.of(parse(text, origin), origin);
        } catch (NacosException e) {
            if (NacosAuthenticationException.isRefusal(e)) {
                throw new RedisSourceConfigException("the Redis cluster directory at " + origin + " was refused (" + e.getErrCode()
                        + ": " + e.getErrMsg() + ") with " + credentials + ": that Nacos has authentication on; set "
                        + "unitize.redis.clusters.username/password (or unitize.rules.username/password, or the access-key/secret-key pairs)");
            }
            throw new RedisSourceConfigException("cannot read the Redis cluster directory from " + origin + ": " + e.getErrMsg());
        } finally {
            if (config != null) {
                try {
                    config.shutDown();
                } catch (NacosException ignored) {
                    // closing a client we no longer need
                }
            }
        }
    }

    static Map<String, String> parse(String text, String origin) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new RedisSourceConfigException("malformed Redis cluster directory at " + origin + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            String uri = p.getProperty(name).trim();
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new RedisSourceConfigException("cluster '" + name + "' at " + origin + " has endpoint '" + uri
                        + "', expected redis://host:port");
            }
            out.put(name.trim(), uri);
        }
        return out;
    }
}
