package io.unitize.id.health;

import io.unitize.id.WorkerLease;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health {@code unitizeWorkerLease}: UP while this process holds its snowflake worker id, DOWN once
 * the lease is lost (the generator then refuses every ID, UNITIZE-ID-024: restart the process).
 */
public final class WorkerLeaseHealthIndicator extends AbstractHealthIndicator {

    private final WorkerLease lease;

    public WorkerLeaseHealthIndicator(WorkerLease lease) {
        super("UNITIZE-ID-060 the worker lease health check failed");
        this.lease = lease;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("worker", lease.worker()).withDetail("renewals", lease.renewalCount())
                .withDetail("renewalFailures", lease.renewalFailureCount());
        if (lease.isHeld()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "worker id " + lease.worker() + " is no longer leased to this process: no snowflake ID "
                    + "is issued (UNITIZE-ID-024); restart the process to lease a worker id again");
        }
    }
}
