package io.unitize.cache.redis;

import java.util.Map;
import java.util.Set;

/**
 * The Redis clusters of this unit by name ({@code order-cache -> redis://10.1.0.7:6379}), as the
 * unit's own configuration says: applications name a cluster, never its endpoints.
 */
public interface RedisClusterDirectory {

    /** The Redis URI of a cluster, or null when this unit has no cluster of that name. */
    String endpoint(String clusterName);

    /** Every cluster name this unit knows (for error messages). */
    Set<String> clusters();

    /** Where the directory was read from, for error messages (e.g. the Nacos data id). */
    String origin();

    /** A fixed directory (tests, or an application that reads endpoints elsewhere). */
    static RedisClusterDirectory of(Map<String, String> endpoints, String origin) {
        Map<String, String> copy = Map.copyOf(endpoints);
        return new RedisClusterDirectory() {
            @Override
            public String endpoint(String clusterName) {
                return copy.get(clusterName);
            }

            @Override
            public Set<String> clusters() {
                return new java.util.TreeSet<>(copy.keySet());
            }

            @Override
            public String origin() {
                return origin;
            }
        };
    }
}
