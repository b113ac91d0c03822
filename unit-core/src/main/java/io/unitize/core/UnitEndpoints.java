package io.unitize.core;

/**
 * The names of the endpoints a unit of {@code units[]} may carry, as the modules read them. Any other
 * name (lowercase ASCII letters, digits, '.', '-') may be added; addresses only, never credentials.
 *
 * <pre>{@code
 * {"code": "unit-b", "role": "UNIT", "index": 1,
 *  "gateway": "http://10.2.0.5:8080", "rocketmq": "10.2.0.30:9876",
 *  "redis.order-cache": "redis://10.2.0.7:6379", "id-service": "http://10.2.0.9:8090"}
 * }</pre>
 */
public final class UnitEndpoints {

    /** The unit's traffic gateway, e.g. {@code http://10.2.0.5:8080}. */
    public static final String GATEWAY = "gateway";
    /** The unit's RocketMQ name server(s), {@code host:port[;host:port]}. */
    public static final String ROCKETMQ = "rocketmq";
    /** The unit's id service, e.g. {@code http://10.2.0.9:8090}. */
    public static final String ID_SERVICE = "id-service";
    /** Prefix of the unit's Redis clusters by name: {@code redis.order-cache}. */
    public static final String REDIS_PREFIX = "redis.";

    private UnitEndpoints() {
    }

    /** The endpoint name of the Redis cluster {@code cluster}: {@code redis.<cluster>}. */
    public static String redis(String cluster) {
        return REDIS_PREFIX + cluster;
    }
}
