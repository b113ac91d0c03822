package io.unitize.cache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.RedisCodec;
import io.unitize.core.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's Redis sources by name, resolved against this unit's cluster directory:
 *
 * <pre>{@code
 * RedisSources sources = RedisSources.create("unit-b", "center", directory, List.of(
 *         new RedisSourceSpec("orders", RedisSourceMode.UNIT, "order-cache", null),
 *         new RedisSourceSpec("catalog", RedisSourceMode.CENTER, "catalog-cache", myJsonCodec)));
 * sources.<String, String>get("orders").sync().get("order:5001:1");
 * }</pre>
 *
 * Every UNIT source, and every CENTER source in the center unit, must name a cluster the directory
 * has, or creation fails naming the source and the cluster. A CENTER source outside the center is
 * created unavailable: nothing connects to the center's Redis from here by accident.
 */
public final class RedisSources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSources.class);

    private final String unit;
    private final Map<String, RedisSource<?, ?>> byName;
    private final Duration commandTimeout;

    private RedisSources(String unit, Map<String, RedisSource<?, ?>> byName, Duration commandTimeout) {
        this.unit = unit;
        this.byName = Collections.unmodifiableMap(byName);
        this.commandTimeout = commandTimeout;
    }

    /**
     * Follows a rules version that moves one of this unit's clusters in units[] ({@code redis.<cluster>}):
     * the sources of that cluster reconnect to the new endpoint. A cluster that disappears keeps its
     * last endpoint (logged): removing a cluster an application uses is a restart.
     */
    public void follow(UnitDirectory.Local previous, UnitDirectory.Local current) {
        if (previous == null || current.all().find(unit).isEmpty()) {
            return; // the directory the sources were created from, or one without this unit (nothing to move to)
        }
        Map<String, String> clusters = UnitDirectoryRedisClusters.of(current.self());
        for (RedisSource<?, ?> s : byName.values()) {
            if (!s.available()) {
                continue;
            }
            String now = clusters.get(s.clusterName());
            if (now == null) {
                log.warn("UNITIZE-CACHE-026 rules version {} gives unit {} no cluster '{}' any more; Redis source '{}' stays on {}. "
                        + "Next: put redis.{} back into units[], or restart without the source", current.version(), unit,
                        s.clusterName(), s.name(), s.endpoint(), s.clusterName());
            } else if (!now.equals(s.endpoint())) {
                log.info("UNITIZE-CACHE-027 Redis source '{}' (cluster {}) moves from {} to {} (rules version {})", s.name(),
                        s.clusterName(), s.endpoint(), now, current.version());
                s.moveTo(now, commandTimeout);
            }
        }
    }

    /** @throws RedisSourceConfigException naming the first source whose cluster this unit does not have */
    public static RedisSources create(String unit, String centerUnit, RedisClusterDirectory directory, List<RedisSourceSpec> specs,
                                      Duration commandTimeout) {
        Map<String, RedisSource<?, ?>> out = new LinkedHashMap<>();
        try {
            for (RedisSourceSpec spec : specs) {
                if (out.containsKey(spec.name())) {
                    throw new RedisSourceConfigException("Redis source '" + spec.name() + "' is declared twice");
                }
                out.put(spec.name(), build(spec, spec.codec(), unit, centerUnit, directory, commandTimeout));
            }
        } catch (RuntimeException e) {
            out.values().forEach(RedisSource::close);
            throw e;
        }
        return new RedisSources(unit, out, commandTimeout);
    }

    private static <K, V> RedisSource<K, V> build(RedisSourceSpec spec, RedisCodec<K, V> codec, String unit, String centerUnit,
                                                  RedisClusterDirectory directory, Duration commandTimeout) {
        if (spec.mode() == RedisSourceMode.CENTER && !unit.equals(centerUnit)) {
            log.info("UNITIZE-CACHE-022 Redis source '{}' (CENTER) not created in unit {}: it exists only in {}", spec.name(), unit, centerUnit);
            return new RedisSource<>(spec, codec, null, null, unit, centerUnit);
        }
        String endpoint = directory.endpoint(spec.clusterName());
        if (endpoint == null) {
            throw new RedisSourceConfigException("Redis source '" + spec.name() + "' names cluster '" + spec.clusterName()
                    + "', which unit " + unit + " does not have (clusters at " + directory.origin() + ": " + directory.clusters() + ")");
        }
        RedisURI uri = RedisURI.create(endpoint);
        uri.setTimeout(commandTimeout);
        log.info("UNITIZE-CACHE-023 Redis source '{}' ({}) -> cluster {} at {}", spec.name(), spec.mode(), spec.clusterName(), endpoint);
        return new RedisSource<>(spec, codec, endpoint, RedisClient.create(uri), unit, centerUnit);
    }

    /** @throws RedisSourceConfigException when no source has this name (the message lists the ones there are) */
    @SuppressWarnings("unchecked")
    public <K, V> RedisSource<K, V> get(String name) {
        RedisSource<?, ?> s = byName.get(name);
        if (s == null) {
            throw new RedisSourceConfigException("no Redis source named '" + name + "' in unit " + unit + " (sources: " + byName.keySet() + ")");
        }
        return (RedisSource<K, V>) s;
    }

    public Map<String, RedisSource<?, ?>> all() {
        return byName;
    }

    public String unit() {
        return unit;
    }

    @Override
    public void close() {
        byName.values().forEach(RedisSource::close);
    }
}
