package io.unitize.cache.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;

/**
 * One named Redis source of the application: the client for its cluster in this unit, and one
 * shared, thread-safe connection with the source's own codec. A CENTER source outside the center
 * unit has no client: every use throws {@link CenterRedisUnavailableException} naming it.
 *
 * @param <K> key type of the source's codec
 * @param <V> value type of the source's codec
 */
public final class RedisSource<K, V> implements AutoCloseable {

    private final String name;
    private final RedisSourceMode mode;
    private final String clusterName;
    private volatile String endpoint;
    private final RedisCodec<K, V> codec;
    private volatile RedisClient client;
    private final String unit;
    private final String centerUnit;
    private volatile StatefulRedisConnection<K, V> connection;

    RedisSource(RedisSourceSpec spec, RedisCodec<K, V> codec, String endpoint, RedisClient client, String unit, String centerUnit) {
        this.name = spec.name();
        this.mode = spec.mode();
        this.clusterName = spec.clusterName();
        this.endpoint = endpoint;
        this.codec = codec;
        this.client = client;
        this.unit = unit;
        this.centerUnit = centerUnit;
    }

    public String name() {
        return name;
    }

    public RedisSourceMode mode() {
        return mode;
    }

    public String clusterName() {
        return clusterName;
    }

    /** Whether this source exists in this unit (false: a CENTER source outside the center). */
    public boolean available() {
        return client != null;
    }

    /** The cluster's endpoint in this unit. */
    public String endpoint() {
        check();
        return endpoint;
    }

    public RedisCodec<K, V> codec() {
        return codec;
    }

    /** The source's shared connection (opened on first use; Lettuce reconnects it by itself). */
    public StatefulRedisConnection<K, V> connection() {
        check();
        StatefulRedisConnection<K, V> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    check();
                    c = client.connect(codec);
                    connection = c;
                }
            }
        }
        return c;
    }

    /**
     * Points this source at a new endpoint of its cluster (a rules version moved it in units[]): the next
     * {@link #connection()} connects there; the old connection and client are closed. Commands in
     * flight on the old connection may fail (Lettuce reports them to their callers).
     */
    public synchronized void moveTo(String newEndpoint, java.time.Duration commandTimeout) {
        check();
        if (newEndpoint.equals(endpoint)) {
            return;
        }
        io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(newEndpoint);
        uri.setTimeout(commandTimeout);
        RedisClient old = client;
        StatefulRedisConnection<K, V> oldConnection = connection;
        client = RedisClient.create(uri);
        endpoint = newEndpoint;
        connection = null;
        if (oldConnection != null) {
            oldConnection.close();
        }
        old.shutdown();
    }

    /** Shorthand for {@code connection().sync()}. */
    public RedisCommands<K, V> sync() {
        return connection().sync();
    }

    /** A new connection to the same cluster with another codec (e.g. the locks' plain strings); the caller closes it. */
    public <K2, V2> StatefulRedisConnection<K2, V2> connect(RedisCodec<K2, V2> otherCodec) {
        check();
        return client.connect(otherCodec);
    }

    private void check() {
        if (client == null) {
            throw new CenterRedisUnavailableException(name, unit, centerUnit);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown();
        }
    }

    @Override
    public String toString() {
        return "RedisSource[" + name + ", " + mode + ", cluster " + clusterName + (client == null ? ", not in " + unit : ", " + endpoint) + "]";
    }
}
