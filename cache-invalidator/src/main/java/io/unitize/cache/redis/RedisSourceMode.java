package io.unitize.cache.redis;

/** Where a Redis source exists: in every unit (its own cluster there), or only in the center unit. */
public enum RedisSourceMode {
    /** Created in every unit, against that unit's cluster of the configured name. */
    UNIT,
    /** Created only in the center unit; elsewhere every use fails with {@link CenterRedisUnavailableException}. */
    CENTER
}
