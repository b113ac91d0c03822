package io.unitize.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named job: its mode, its body and how long one run may hold the unit's lease. The name is the
 * lease's key: every instance of a unit that schedules the same name shares one lease.
 *
 * @param leaseFor longer than the longest run: past it another instance may start a run (the old
 *                 run's {@link JobContext#fencingToken()} is then lower than the new one's)
 */
public record JobDefinition(String name, JobMode mode, Duration leaseFor, ScheduledJob body) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    public JobDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new JobsConfigException("job name must be 1-128 characters of A-Z a-z 0-9 _ . : -, but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(body, "body");
        if (leaseFor == null || leaseFor.isNegative() || leaseFor.isZero()) {
            throw new JobsConfigException("job '" + name + "': leaseFor must be > 0, but was " + leaseFor);
        }
    }

    public static JobDefinition of(String name, JobMode mode, ScheduledJob body) {
        return new JobDefinition(name, mode, DEFAULT_LEASE, body);
    }
}
