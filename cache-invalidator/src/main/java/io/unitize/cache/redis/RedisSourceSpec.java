package io.unitize.cache.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * How an application declares one Redis source.
 *
 * @param name        the application's name for it (what {@link RedisSources#get} takes)
 * @param mode        UNIT (every unit, its own cluster) or CENTER (center unit only)
 * @param clusterName the cluster in the unit's directory; defaults to {@code name}
 * @param codec       the application's serializer for this source (default UTF-8 strings); kept as given
 */
public record RedisSourceSpec(String name, RedisSourceMode mode, String clusterName, RedisCodec<?, ?> codec) {

    public RedisSourceSpec {
        if (name == null || name.isBlank()) {
            throw new RedisSourceConfigException("a Redis source needs a name");
        }
        if (mode == null) {
            throw new RedisSourceConfigException("Redis source '" + name + "': mode must be UNIT or CENTER");
        }
        clusterName = clusterName == null || clusterName.isBlank() ? name : clusterName;
        codec = codec == null ? StringCodec.UTF8 : codec;
    }
}
