package io.unitize.id.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.id.WorkerLease;

/**
 * A snowflake worker lease's meters, tagged {@code unit} and {@code worker}:
 * {@code unitize.id.lease.renewals} (tag {@code outcome} ok / failed) and {@code unitize.id.lease.held}
 * (1 while held, 0 once lost).
 */
public final class WorkerLeaseMetrics implements MeterBinder {

    private final String unit;
    private final WorkerLease lease;

    public WorkerLeaseMetrics(String unit, WorkerLease lease) {
        this.unit = unit;
        this.lease = lease;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String worker = Integer.toString(lease.worker());
        FunctionCounter.builder("unitize.id.lease.renewals", lease, WorkerLease::renewalCount).description("worker lease renewals")
                .tag("unit", unit).tag("worker", worker).tag("outcome", "ok").register(registry);
        FunctionCounter.builder("unitize.id.lease.renewals", lease, WorkerLease::renewalFailureCount).description("worker lease renewals")
                .tag("unit", unit).tag("worker", worker).tag("outcome", "failed").register(registry);
        Gauge.builder("unitize.id.lease.held", lease, l -> l.isHeld() ? 1 : 0).description("1 while the worker id is leased to this process")
                .tag("unit", unit).tag("worker", worker).register(registry);
    }
}
