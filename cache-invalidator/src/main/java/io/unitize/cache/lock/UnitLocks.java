package io.unitize.cache.lock;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.unitize.cache.redis.CenterRedisUnavailableException;
import io.unitize.cache.redis.RedisSource;
import io.unitize.cache.redis.RedisSourceConfigException;
import io.unitize.cache.redis.RedisSourceMode;

import java.time.Duration;
import java.util.Optional;

/**
 * Picks the Redis by the lock's scope: a buyer-scoped lock lives in the unit's Redis (the buyer is
 * served only in its home unit, so that is where contention is), a global lock in the center's
 * Redis. Global locks are taken in the center unit only; elsewhere they fail with
 * {@link CenterRedisUnavailableException} naming the source, as every center source does.
 *
 * <pre>{@code
 * UnitLocks locks = new UnitLocks(sources.get("orders"), sources.get("global"));
 * try (UnitLock.Held h = locks.tryBuyerLock(5001L, "checkout", Duration.ofSeconds(10)).orElseThrow()) { ... }
 * }</pre>
 */
public final class UnitLocks implements AutoCloseable {

    private final RedisSource<?, ?> unitSource;
    private final RedisSource<?, ?> centerSource;
    private volatile StatefulRedisConnection<String, String> unitConnection;
    private volatile StatefulRedisConnection<String, String> centerConnection;

    /**
     * @param unitSource   a UNIT source (buyer-scoped locks)
     * @param centerSource a CENTER source (global locks), or null when the application takes none
     */
    public UnitLocks(RedisSource<?, ?> unitSource, RedisSource<?, ?> centerSource) {
        if (unitSource == null || unitSource.mode() != RedisSourceMode.UNIT) {
            throw new RedisSourceConfigException("buyer locks need a UNIT Redis source, but got " + unitSource);
        }
        if (centerSource != null && centerSource.mode() != RedisSourceMode.CENTER) {
            throw new RedisSourceConfigException("global locks need a CENTER Redis source, but got " + centerSource);
        }
        this.unitSource = unitSource;
        this.centerSource = centerSource;
    }

    /** A lock on one buyer's resource ({@code lock:buyer:<buyerId>:<name>}) in this unit's Redis. */
    public Optional<UnitLock.Held> tryBuyerLock(long buyerId, String name, Duration ttl) {
        return new UnitLock(unitConnection(), "lock:buyer:" + buyerId + ":").tryAcquire(name, ttl);
    }

    /** A global lock ({@code lock:global:<name>}) in the center's Redis. */
    public Optional<UnitLock.Held> tryGlobalLock(String name, Duration ttl) {
        if (centerSource == null) {
            throw new RedisSourceConfigException("global lock '" + name + "': no CENTER Redis source is configured for locks");
        }
        return new UnitLock(centerConnection(), "lock:global:").tryAcquire(name, ttl);
    }

    private StatefulRedisConnection<String, String> unitConnection() {
        StatefulRedisConnection<String, String> c = unitConnection;
        if (c == null) {
            synchronized (this) {
                if (unitConnection == null) {
                    unitConnection = unitSource.connect(StringCodec.UTF8);
                }
                c = unitConnection;
            }
        }
        return c;
    }

    private StatefulRedisConnection<String, String> centerConnection() {
        StatefulRedisConnection<String, String> c = centerConnection;
        if (c == null) {
            synchronized (this) {
                if (centerConnection == null) {
                    centerConnection = centerSource.connect(StringCodec.UTF8); // throws outside the center
                }
                c = centerConnection;
            }
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (unitConnection != null) {
            unitConnection.close();
        }
        if (centerConnection != null) {
            centerConnection.close();
        }
    }
}
