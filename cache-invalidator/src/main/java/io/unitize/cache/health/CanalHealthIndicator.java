package io.unitize.cache.health;

import io.unitize.cache.canal.BinlogInvalidator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Health {@code unitizeCanal} of the cache invalidator: DOWN while it is not connected to its unit's
 * Canal, or when it has not caught up with Canal for longer than {@code maxPositionAge} (the
 * acknowledged position falls behind: caches of changed rows stay stale); UP otherwise, with the
 * position's age.
 */
public final class CanalHealthIndicator extends AbstractHealthIndicator {

    private final String unit;
    private final BinlogInvalidator binlog;
    private final Duration maxPositionAge;
    private final LongSupplier clockMillis;

    public CanalHealthIndicator(String unit, BinlogInvalidator binlog, Duration maxPositionAge, LongSupplier clockMillis) {
        super("UNITIZE-CACHE-060 the Canal health check failed");
        this.unit = unit;
        this.binlog = binlog;
        this.maxPositionAge = maxPositionAge;
        this.clockMillis = clockMillis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean connected = binlog.connected();
        long caughtUp = binlog.caughtUpAtMillis();
        long age = caughtUp == 0 ? -1 : Math.max(0, clockMillis.getAsLong() - caughtUp);
        builder.withDetail("unit", unit).withDetail("connected", connected).withDetail("positionAgeMillis", age)
                .withDetail("batchesAcked", binlog.batchesAcked());
        if (!connected) {
            builder.down().withDetail("reason", "not connected to unit " + unit + "'s Canal: row changes are not read, caches of "
                    + "changed rows stay stale until it reconnects (from the last acknowledged position)");
        } else if (age > maxPositionAge.toMillis()) {
            builder.down().withDetail("reason", "has not caught up with Canal for " + age + " ms (more than " + maxPositionAge.toMillis()
                    + " ms): invalidation is behind; check Redis (UNITIZE-CACHE log lines) and Canal");
        } else {
            builder.up();
        }
    }
}
