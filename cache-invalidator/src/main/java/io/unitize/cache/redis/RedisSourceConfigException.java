package io.unitize.cache.redis;

import io.unitize.core.UnitizeException;

/** A Redis source that cannot be set up as configured (unknown cluster, unknown source name, bad directory): names it. */
public class RedisSourceConfigException extends UnitizeException {

    public RedisSourceConfigException(String message) {
        super("UNITIZE-CACHE-020 " + message);
    }
}
