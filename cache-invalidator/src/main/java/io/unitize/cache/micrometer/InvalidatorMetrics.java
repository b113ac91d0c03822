package io.unitize.cache.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.canal.BinlogInvalidator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The invalidator's meters, tagged {@code unit}: {@code unitize.cache.invalidation.lag} (timer with
 * a histogram, commit -> keys deleted, per batch), {@code unitize.cache.keys.deleted}, {@code unitize.cache.delete.retries},
 * {@code unitize.cache.delete.errors}, {@code unitize.cache.row.changes}, {@code unitize.cache.batches.acked}, and the gauges
 * {@code unitize.cache.batches.waiting} (read, not acknowledged: waiting for a unit behind) and {@code unitize.cache.units.behind}.
 */
public final class InvalidatorMetrics implements MeterBinder {

    private final String unit;
    private final PlanExecutor executor;
    private final BinlogInvalidator binlog;

    public InvalidatorMetrics(String unit, PlanExecutor executor, BinlogInvalidator binlog) {
        this.unit = unit;
        this.executor = executor;
        this.binlog = binlog;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer lag = Timer.builder("unitize.cache.invalidation.lag").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .description("commit of the row change -> its keys deleted in every unit in scope (per batch)").tag("unit", unit)
                .register(registry);
        executor.onLag(ms -> lag.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
        FunctionCounter.builder("unitize.cache.keys.deleted", executor, PlanExecutor::keysDeleted)
                .description("keys deleted (per unit Redis)").tag("unit", unit).register(registry);
        FunctionCounter.builder("unitize.cache.delete.retries", executor, PlanExecutor::retries)
                .description("delete attempts retried after a Redis failure").tag("unit", unit).register(registry);
        FunctionCounter.builder("unitize.cache.delete.errors", executor, PlanExecutor::errors)
                .description("failed delete attempts").tag("unit", unit).register(registry);
        FunctionCounter.builder("unitize.cache.row.changes", binlog, BinlogInvalidator::changesSeen)
                .description("row changes read from the binlog and acknowledged").tag("unit", unit).register(registry);
        FunctionCounter.builder("unitize.cache.batches.acked", binlog, BinlogInvalidator::batchesAcked)
                .description("Canal batches acknowledged").tag("unit", unit).register(registry);
        Gauge.builder("unitize.cache.batches.waiting", binlog, b -> b.unacked().waiting())
                .description("Canal batches read and not acknowledged: they wait for a unit behind (its Redis failing)")
                .tag("unit", unit).register(registry);
        Gauge.builder("unitize.cache.units.behind", binlog, b -> b.unacked().unitsBehind().size())
                .description("units whose deletes fail and are retried apart, holding the acknowledged position back").tag("unit", unit)
                .register(registry);
    }
}
