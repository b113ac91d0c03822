package io.unitize.cache.redis;

import io.unitize.core.UnitizeException;

/** A center Redis source was used outside the center unit (it is not created there, like a center datasource). */
public class CenterRedisUnavailableException extends UnitizeException {

    private final String source;
    private final String unit;

    public CenterRedisUnavailableException(String source, String unit, String centerUnit) {
        super("UNITIZE-CACHE-021 Redis source '" + source + "' has mode CENTER: it exists only in the center unit " + centerUnit
                + ", and this process runs in unit " + unit + " (call the center's service instead, or use a UNIT source)");
        this.source = source;
        this.unit = unit;
    }

    public String source() {
        return source;
    }

    public String unit() {
        return unit;
    }
}
