package io.unitize.cache.redis;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitEndpoints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A unit's Redis clusters from the unit directory: its {@code redis.<cluster>} endpoints in the rules
 * document's {@code units[]} ({@code "redis.order-cache": "redis://10.1.0.7:6379"}).
 */
public final class UnitDirectoryRedisClusters {

    private UnitDirectoryRedisClusters() {
    }

    /** The clusters of {@code unit} by name; empty when units[] gives it none. */
    public static Map<String, String> of(UnitDefinition unit) {
        Map<String, String> out = new LinkedHashMap<>();
        unit.endpoints().forEach((name, value) -> {
            if (name.startsWith(UnitEndpoints.REDIS_PREFIX) && name.length() > UnitEndpoints.REDIS_PREFIX.length()) {
                out.put(name.substring(UnitEndpoints.REDIS_PREFIX.length()), value);
            }
        });
        return out;
    }

    /** The clusters of {@code unit} as a directory, or null when units[] gives it none. */
    public static RedisClusterDirectory directory(UnitDefinition unit, long rulesVersion) {
        Map<String, String> clusters = of(unit);
        return clusters.isEmpty() ? null
                : RedisClusterDirectory.of(clusters, "units[] of rules version " + rulesVersion + " (unit " + unit.code() + ")");
    }
}
