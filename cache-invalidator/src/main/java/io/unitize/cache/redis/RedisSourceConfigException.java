package io.unitize.cache.redis;

import io.unitize.core.UnitizeConfigException;

/** A Redis source that cannot be set up as configured (unknown cluster, unknown source name, bad directory): names it. */
public class RedisSourceConfigException extends UnitizeConfigException {

    static final String ACTION = "Set or fix the unitize.redis.* property named above, as cache-invalidator's README shows, then start again.";

    public RedisSourceConfigException(String message) {
        super("UNITIZE-CACHE-020 " + message, ACTION);
    }
}
