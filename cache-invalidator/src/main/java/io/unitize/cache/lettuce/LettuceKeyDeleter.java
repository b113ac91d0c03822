package io.unitize.cache.lettuce;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.KeyDeleter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Deletes keys in each unit's Redis with Lettuce ({@code DEL k1 k2 ...}); a connection per unit,
 * reconnecting by itself. {@link #retarget} moves units to other Redis endpoints (a rules version
 * that changes units[]): a delete that starts after it goes to the new endpoint, and one in flight on
 * the old endpoint fails when that is closed, so the caller ({@link io.unitize.cache.PlanExecutor})
 * retries it on the new one. No lock is held across I/O, so a Redis that hangs never holds up a move.
 */
public final class LettuceKeyDeleter implements KeyDeleter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LettuceKeyDeleter.class);

    private final Duration commandTimeout;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    /** @param redisByUnit unit -> {@code redis://host:port} */
    public LettuceKeyDeleter(Map<String, String> redisByUnit, Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
        redisByUnit.forEach((unit, uri) -> targets.put(unit, new Target(uri, commandTimeout)));
    }

    /** unit -> the Redis endpoint its keys are deleted in now. */
    public Map<String, String> endpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        targets.forEach((unit, t) -> out.put(unit, t.uri));
        return out;
    }

    /**
     * Puts {@code redisByUnit} in force: a unit whose endpoint changed gets a new client (the old one
     * is closed, failing a delete in flight on it, which is then retried here), a new unit is added,
     * a unit no longer given is dropped (deletes still pending for it are skipped, UNITIZE-CACHE-029).
     *
     * @return the units whose endpoint changed or that were added or dropped
     */
    public synchronized Set<String> retarget(Map<String, String> redisByUnit) {
        Set<String> changed = new java.util.TreeSet<>();
        redisByUnit.forEach((unit, uri) -> {
            Target old = targets.get(unit);
            if (old == null || !old.uri.equals(uri)) {
                targets.put(unit, new Target(uri, commandTimeout));
                removed.remove(unit);
                changed.add(unit);
                if (old != null) {
                    old.close(false);
                }
            }
        });
        for (String unit : Set.copyOf(targets.keySet())) {
            if (!redisByUnit.containsKey(unit)) {
                removed.add(unit);
                targets.remove(unit).close(false);
                changed.add(unit);
            }
        }
        return changed;
    }

    @Override
    public void delete(String unit, Collection<String> keys) {
        Target t = targets.get(unit);
        if (t == null) {
            if (removed.contains(unit)) {
                log.warn("UNITIZE-CACHE-029 {} keys of unit {} not deleted: the unit is no longer in units[] of the rules. "
                        + "Next: nothing, unless the unit is still serving reads (then put it back into units[])", keys.size(), unit);
                return;
            }
            throw new IllegalStateException("UNITIZE-CACHE-002 no Redis configured for unit " + unit);
        }
        t.delete(keys);
    }

    @Override
    public synchronized void close() {
        targets.values().forEach(t -> t.close(true));
        targets.clear();
    }

    /** One unit's Redis endpoint: its client and its (lazily opened) connection. */
    private static final class Target {
        final String uri;
        private final RedisClient client;
        private volatile boolean closed;
        private StatefulRedisConnection<String, String> connection; // guarded by this

        Target(String uri, Duration commandTimeout) {
            RedisURI u = RedisURI.create(uri);
            u.setTimeout(commandTimeout);
            this.uri = uri;
            this.client = RedisClient.create(u);
        }

        void delete(Collection<String> keys) {
            StatefulRedisConnection<String, String> c;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("UNITIZE-CACHE-002 Redis " + uri + " was replaced by a rules version; retrying on the new endpoint");
                }
                c = connection;
                if (c == null || !c.isOpen()) {
                    c = client.connect(); // throws while the unit's Redis is down: the executor retries
                    connection = c;
                }
            }
            c.sync().del(keys.toArray(String[]::new));
        }

        /** Closes the client; without {@code wait}, not waiting for a delete in flight (which then fails and is retried). */
        void close(boolean wait) {
            closed = true;
            if (wait) {
                client.shutdown();
            } else {
                client.shutdownAsync(0, 2, TimeUnit.SECONDS);
            }
        }
    }
}
