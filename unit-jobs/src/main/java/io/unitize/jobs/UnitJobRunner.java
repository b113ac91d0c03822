package io.unitize.jobs;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.SlotRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs one fire of a job in this instance, if this unit should run it and this instance gets the
 * unit's lease: CENTER only in the center; UNIT with the owned, unfrozen ranges of the rules in force;
 * ALL everywhere. The decision is made at every fire from the snapshot in force, so the next run after
 * a cutover or a freeze sees the new ranges. Framework-free; the scheduler and the Spring adapter call it.
 */
public final class UnitJobRunner {

    private static final Logger log = LoggerFactory.getLogger(UnitJobRunner.class);

    private final String unit;
    private final String holder;
    private final Supplier<RulesSnapshot> rules;
    private final JobLease lease;
    private final JobRunEvents events;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * @param unit   the unit this process runs in
     * @param holder names this instance in the lease table (host:pid, say)
     * @param rules  the snapshot in force, e.g. {@code rulesSource::snapshot}
     */
    public UnitJobRunner(String unit, String holder, Supplier<RulesSnapshot> rules, JobLease lease) {
        this(unit, holder, rules, lease, JobRunEvents.NONE);
    }

    /** As above, telling {@code events} about every fire (e.g. the meters). */
    public UnitJobRunner(String unit, String holder, Supplier<RulesSnapshot> rules, JobLease lease, JobRunEvents events) {
        if (unit == null || unit.isBlank()) {
            throw new JobsConfigException("UnitJobRunner needs the unit this process runs in (unitize.unit), but it was "
                    + (unit == null ? "not set" : "blank"));
        }
        if (holder == null || holder.isBlank() || holder.length() > 128) {
            throw new JobsConfigException("UnitJobRunner needs a holder name of 1-128 characters, but was " + holder);
        }
        this.unit = unit;
        this.holder = holder;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.events = Objects.requireNonNull(events, "events");
    }

    public String unit() {
        return unit;
    }

    /** Runs the fire at {@code fireTime} of {@code job} here, or says why not. */
    public JobRunOutcome run(JobDefinition job, Instant fireTime) {
        long start = System.nanoTime();
        JobRunOutcome outcome = decideAndRun(job, fireTime);
        counts.computeIfAbsent(job.name() + "|" + outcome, k -> new LongAdder()).increment();
        events.finished(job.name(), outcome, Duration.ofNanos(System.nanoTime() - start));
        return outcome;
    }

    /** How many fires of {@code job} ended with {@code outcome} in this instance. */
    public long count(String job, JobRunOutcome outcome) {
        LongAdder a = counts.get(job + "|" + outcome);
        return a == null ? 0 : a.sum();
    }

    private JobRunOutcome decideAndRun(JobDefinition job, Instant fireTime) {
        RulesSnapshot snapshot;
        try {
            snapshot = rules.get();
        } catch (RulesUnavailableException none) {
            log.warn("UNITIZE-JOB-010 job {} not run in unit {}: no rules applied yet. Next: publish rules to this unit's Nacos",
                    job.name(), unit);
            return JobRunOutcome.SKIPPED_NO_RULES;
        }
        List<SlotRange> ranges = List.of();
        List<SlotRange> frozen = List.of();
        switch (job.mode()) {
            case CENTER -> {
                if (!snapshot.center().code().equals(unit)) {
                    return JobRunOutcome.SKIPPED_NOT_CENTER;
                }
            }
            case UNIT -> {
                OwnedSlots owned = OwnedSlots.of(snapshot, unit);
                ranges = owned.unfrozen();
                frozen = owned.frozen();
                if (ranges.isEmpty()) {
                    return JobRunOutcome.SKIPPED_NO_SLOTS;
                }
            }
            case ALL -> { }
        }
        JobLease.Held held;
        try {
            held = lease.tryAcquire(unit, job.name(), fireTime, holder, job.leaseFor()).orElse(null);
        } catch (JobLeaseUnavailableException e) {
            log.warn("UNITIZE-JOB-011 job {} not run in unit {}: {}. Next: check this unit's database; the next fire retries",
                    job.name(), unit, e.getMessage());
            return JobRunOutcome.SKIPPED_LEASE_UNAVAILABLE;
        }
        if (held == null) {
            return JobRunOutcome.SKIPPED_LEASE_HELD;
        }
        try (held) {
            JobContext context = new JobContext(job.name(), job.mode(), unit, fireTime, held.fencingToken(), snapshot, ranges, frozen);
            JobContext.enter(context);
            try {
                job.body().run(context);
                return JobRunOutcome.RAN;
            } catch (Exception e) {
                log.error("UNITIZE-JOB-012 job {} failed in unit {} (fire {}, rules v{}): {}. Next: see the cause; the next fire runs it again",
                        job.name(), unit, fireTime, snapshot.version(), e.toString(), e);
                return JobRunOutcome.FAILED;
            } finally {
                JobContext.leave();
            }
        }
    }
}
