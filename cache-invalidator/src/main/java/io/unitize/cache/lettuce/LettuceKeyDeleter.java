package io.unitize.cache.lettuce;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.KeyDeleter;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deletes keys in each unit's Redis with Lettuce ({@code DEL k1 k2 ...}); a connection per unit, reconnecting by itself. */
public final class LettuceKeyDeleter implements KeyDeleter, AutoCloseable {

    private final Map<String, RedisClient> clients = new LinkedHashMap<>();
    private final Map<String, StatefulRedisConnection<String, String>> connections = new LinkedHashMap<>();

    /** @param redisByUnit unit -> {@code redis://host:port} */
    public LettuceKeyDeleter(Map<String, String> redisByUnit, Duration commandTimeout) {
        redisByUnit.forEach((unit, uri) -> {
            RedisURI u = RedisURI.create(uri);
            u.setTimeout(commandTimeout);
            clients.put(unit, RedisClient.create(u));
        });
    }

    @Override
    public synchronized void delete(String unit, Collection<String> keys) {
        RedisClient client = clients.get(unit);
        if (client == null) {
            throw new IllegalStateException("UNITIZE-CACHE-002 no Redis configured for unit " + unit);
        }
        StatefulRedisConnection<String, String> c = connections.get(unit);
        if (c == null || !c.isOpen()) {
            c = client.connect(); // throws while the unit's Redis is down: the executor retries
            connections.put(unit, c);
        }
        c.sync().del(keys.toArray(String[]::new));
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(StatefulRedisConnection::close);
        clients.values().forEach(RedisClient::shutdown);
    }
}
