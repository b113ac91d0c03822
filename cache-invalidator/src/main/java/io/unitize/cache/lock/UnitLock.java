package io.unitize.cache.lock;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Locks in one Redis: the unit's Redis for buyer-scoped locks, the center's for global ones (the
 * caller picks the connection by scope). A lock has an owner token (only the owner releases or
 * extends it), a TTL (a crashed owner's lock expires), and a fencing token — a number that grows with
 * every acquisition of the same lock name — for callers that must reject a stale owner downstream
 * (write it with the data; refuse writes carrying a smaller one).
 *
 * <pre>{@code
 * Optional<UnitLock.Held> held = locks.tryAcquire("buyer:5001:checkout", Duration.ofSeconds(10));
 * if (held.isPresent()) try (var h = held.get()) { ...; h.fencingToken(); }
 * }</pre>
 */
public final class UnitLock {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final String EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;

    /** @param prefix namespace of the lock keys, e.g. {@code lock:} */
    public UnitLock(StatefulRedisConnection<String, String> redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** The lock if it was free, with a fresh owner token and fencing token; empty if someone holds it. */
    public Optional<Held> tryAcquire(String name, Duration ttl) {
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl must be > 0, but was " + ttl);
        }
        String token = UUID.randomUUID().toString();
        String ok = redis.sync().set(prefix + name, token, SetArgs.Builder.nx().px(ttl.toMillis()));
        if (!"OK".equals(ok)) {
            return Optional.empty();
        }
        long fencing = redis.sync().incr(prefix + name + ":fence");
        return Optional.of(new Held(name, token, fencing));
    }

    /** A lock this caller holds. Closing releases it (only if still owned). */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String token;
        private final long fencingToken;

        private Held(String name, String token, long fencingToken) {
            this.name = name;
            this.token = token;
            this.fencingToken = fencingToken;
        }

        public String ownerToken() {
            return token;
        }

        /** Grows with every acquisition of this lock name. */
        public long fencingToken() {
            return fencingToken;
        }

        /** Extends the TTL if this caller still owns the lock. */
        public boolean extend(Duration ttl) {
            Long r = redis.sync().eval(EXTEND, ScriptOutputType.INTEGER, new String[]{prefix + name}, token, Long.toString(ttl.toMillis()));
            return r != null && r == 1;
        }

        /** Releases the lock if this caller still owns it; false if it expired or another owner has it now. */
        public boolean release() {
            Long r = redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[]{prefix + name}, token);
            return r != null && r == 1;
        }

        @Override
        public void close() {
            release();
        }
    }
}
