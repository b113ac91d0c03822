package io.unitize.cache.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.canal.BinlogInvalidator;

/**
 * The invalidator's meters, tagged {@code unit}: {@code unitize.cache.invalidation.lag} (ms, commit
 * -> keys deleted, last batch), {@code unitize.cache.keys.deleted}, {@code unitize.cache.delete.retries},
 * {@code unitize.cache.delete.errors}, {@code unitize.cache.row.changes}, {@code unitize.cache.batches.acked}.
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
        Gauge.builder("unitize.cache.invalidation.lag", executor, PlanExecutor::lastLagMillis).baseUnit("milliseconds")
                .description("commit of the row change -> its keys deleted in every unit in scope (last batch)").tag("unit", unit)
                .register(registry);
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
    }
}
