package io.unitize.jobs;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.SlotRange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a job may touch. For a {@link JobMode#UNIT} job, {@link #ranges()} are the slots
 * this unit owned, not frozen, under the rules version in force when the run started; scan only
 * buyers in them ({@link #owns(long)}), e.g. {@code WHERE MOD(buyer_id, slotCount) BETWEEN from AND to}.
 * The fencing token grows with every run of the job in this unit: a write guarded by it
 * ({@code ... WHERE fence < ?}) cannot come from a run whose lease has been taken over.
 */
public final class JobContext {

    private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

    private final String job;
    private final JobMode mode;
    private final String unit;
    private final Instant fireTime;
    private final long fencingToken;
    private final RulesSnapshot rules;
    private final List<SlotRange> ranges;
    private final List<SlotRange> frozenSkipped;

    public JobContext(String job, JobMode mode, String unit, Instant fireTime, long fencingToken, RulesSnapshot rules,
                      List<SlotRange> ranges, List<SlotRange> frozenSkipped) {
        this.job = job;
        this.mode = mode;
        this.unit = unit;
        this.fireTime = fireTime;
        this.fencingToken = fencingToken;
        this.rules = rules;
        this.ranges = List.copyOf(ranges);
        this.frozenSkipped = List.copyOf(frozenSkipped);
    }

    /** The context of the job running on this thread (for a {@code @Scheduled} method, which takes no argument). */
    public static Optional<JobContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void enter(JobContext context) {
        CURRENT.set(context);
    }

    static void leave() {
        CURRENT.remove();
    }

    public String job() {
        return job;
    }

    public JobMode mode() {
        return mode;
    }

    /** The unit this run is in. */
    public String unit() {
        return unit;
    }

    /** The scheduled fire this run serves (instances of the unit firing the same time run it once). */
    public Instant fireTime() {
        return fireTime;
    }

    public long fencingToken() {
        return fencingToken;
    }

    /** The rules version the ranges come from. */
    public long rulesVersion() {
        return rules.version();
    }

    public int slotCount() {
        return rules.slotCount();
    }

    /** UNIT: the owned, unfrozen slot ranges (ascending, maximal); CENTER and ALL: empty. */
    public List<SlotRange> ranges() {
        return ranges;
    }

    /** UNIT: the owned slots skipped because they are frozen now (they move, or are about to). */
    public List<SlotRange> frozenSkipped() {
        return frozenSkipped;
    }

    /** UNIT: whether this run may touch the buyer (its slot is in {@link #ranges()}); CENTER and ALL: true. */
    public boolean owns(long buyerId) {
        if (mode != JobMode.UNIT) {
            return true;
        }
        int slot = rules.slotOf(buyerId);
        for (SlotRange r : ranges) {
            if (r.contains(slot)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "JobContext[" + job + " " + mode + " in " + unit + " fire " + fireTime + " rules v" + rules.version()
                + " ranges " + ranges + " frozen-skipped " + frozenSkipped + " fence " + fencingToken + "]";
    }
}
