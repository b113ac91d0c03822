package io.unitize.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One lease per (unit, job): at most one instance of a unit runs the job at a time, and one fire
 * time is run at most once per unit. {@code io.unitize.jobs.jdbc.JdbcJobLease} keeps it in the
 * unit's own database.
 */
public interface JobLease {

    /**
     * Takes the lease of {@code job} in {@code unit} for a run of the fire at {@code fireTime}: only if
     * no unexpired lease is held and no run of this or a later fire was started in this unit.
     *
     * @return the held lease with a fencing token greater than every earlier one; empty if refused
     * @throws JobLeaseUnavailableException if the lease store cannot be reached
     */
    Optional<Held> tryAcquire(String unit, String job, Instant fireTime, String holder, Duration leaseFor);

    /** A held lease. */
    interface Held extends AutoCloseable {
        long fencingToken();

        /** Ends the lease (only if still held by this run); the fire stays done. */
        @Override
        void close();
    }
}
