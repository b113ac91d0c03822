package io.unitize.id;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Resilience4j {@link RateLimiter} per client address, each allowing {@code limit} IDs per
 * period, without waiting (a request over the limit is refused at once). Limiters of clients not
 * seen for a while are dropped once there are many, so the map stays bounded.
 */
final class ClientLimits {

    private static final int PRUNE_ABOVE = 4_096;

    private final RateLimiterConfig config;
    private final long idleNanos;
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();

    private record Entry(RateLimiter limiter, long[] lastSeen) {
    }

    ClientLimits(int limit, Duration period) {
        this.config = RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.idleNanos = Math.max(period.toNanos() * 2, Duration.ofMinutes(1).toNanos());
    }

    /** Takes {@code ids} from {@code client}'s allowance; false (nothing taken) when it has not that many left. */
    boolean tryTake(String client, int ids) {
        long now = System.nanoTime();
        if (clients.size() > PRUNE_ABOVE) {
            clients.values().removeIf(e -> now - e.lastSeen[0] > idleNanos);
        }
        Entry e = clients.computeIfAbsent(client, c -> new Entry(RateLimiter.of("unitize-id-" + c, config), new long[1]));
        e.lastSeen[0] = now;
        return e.limiter.acquirePermission(ids);
    }
}
