package io.unitize.id;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Time + unit + worker (+ slot) + sequence IDs ({@link IdLayout}). Unique per (unit, worker) as long
 * as no two live processes share a worker id. Never repeats an ID when the clock goes back:
 * <ul>
 *   <li>a step back of up to {@code maxBackwardWait} is waited out;</li>
 *   <li>a larger one is refused with {@link ClockMovedBackwardsException} (nothing issued);</li>
 *   <li>a {@link HighWaterMark} kept {@code markAhead} ahead of every issued time makes a restart
 *       wait until the clock passes it (up to markAhead + maxBackwardWait) or refuse.</li>
 * </ul>
 * In a routable layout the sequence runs per slot, so each buyer slot has its own
 * 2^sequenceBits IDs per tick and worker. Thread-safe; one lock, no allocation per ID.
 */
public final class SnowflakeIdGenerator {

    /** Longest spin on a clock that does not move before falling back to the sleeper (2 ms). */
    static final long SPIN_LIMIT_NANOS = 2_000_000;

    private final IdLayout layout;
    private final int unit;
    private final int worker;
    private final LongSupplier clock;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long maxBackwardWaitMillis;
    private final long markAheadMillis;
    private final HighWaterMark mark;
    private final WorkerLease lease;
    private final long[] lastTickBySlot;
    private final long[] sequenceBySlot;
    private final long epochMillis;
    private long lastTick;
    private long markedUntil;

    private SnowflakeIdGenerator(Builder b) {
        this.layout = b.layout;
        this.unit = b.unit;
        this.worker = b.worker;
        this.clock = b.clock;
        this.nanoTime = b.nanoTime;
        this.sleeper = b.sleeper;
        this.maxBackwardWaitMillis = b.maxBackwardWaitMillis;
        this.markAheadMillis = b.markAheadMillis;
        this.mark = b.mark;
        this.lease = b.lease;
        this.epochMillis = layout.epoch().toEpochMilli();
        int slots = layout.routable() ? 1 << layout.slotBits() : 1;
        this.lastTickBySlot = new long[slots];
        this.sequenceBySlot = new long[slots];
        java.util.Arrays.fill(lastTickBySlot, -1);
        long floor = mark.load();
        long now = clock.getAsLong();
        if (now <= floor) {
            long behind = floor - now + 1;
            long allowed = markAheadMillis + maxBackwardWaitMillis + layout.tickMillis(); // restarted at once, clock a little behind
            if (behind > allowed) {
                throw new ClockMovedBackwardsException(behind, allowed, " of a previous run (high-water mark)");
            }
            sleep(behind);
        }
        this.lastTick = layout.tickOf(Math.max(floor, 0));
        this.markedUntil = floor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public IdLayout layout() {
        return layout;
    }

    /** The next ID (layouts without slot bits). */
    public long nextId() {
        return nextId(0);
    }

    /**
     * The next ID carrying {@code slot} (routable layouts).
     *
     * @throws ClockMovedBackwardsException if the clock is behind by more than the generator waits for
     */
    public synchronized long nextId(int slot) {
        if (slot < 0 || slot >= lastTickBySlot.length) {
            throw new IllegalArgumentException("slot must be within 0.." + (lastTickBySlot.length - 1) + ", but was " + slot);
        }
        if (lease != null && !lease.isHeld()) {
            throw new WorkerLeaseLostException("UNITIZE-ID-024 worker id " + worker + " is no longer leased to this process: "
                    + "no ID issued. Next: restart the process to lease a worker id again");
        }
        long now = clock.getAsLong();
        long tick = layout.tickOf(now);
        if (tick < lastTick) {
            long behind = (lastTick - tick) * layout.tickMillis();
            if (behind > maxBackwardWaitMillis) {
                throw new ClockMovedBackwardsException(behind, maxBackwardWaitMillis, "");
            }
            now = waitUntilTick(lastTick);
            tick = layout.tickOf(now);
        }
        if (tick == lastTickBySlot[slot]) {
            long seq = sequenceBySlot[slot] + 1;
            if (seq > layout.maxSequence()) { // this tick is used up for the slot: the next one
                now = waitUntilTick(tick + 1);
                tick = layout.tickOf(now);
                seq = 0;
            }
            sequenceBySlot[slot] = seq;
        } else {
            sequenceBySlot[slot] = 0;
        }
        if (tick > layout.maxTick()) {
            throw new IllegalStateException("UNITIZE-ID-004 the time field of " + layout + " is exhausted");
        }
        lastTickBySlot[slot] = tick;
        lastTick = Math.max(lastTick, tick);
        if (now + layout.tickMillis() > markedUntil) {
            markedUntil = now + layout.tickMillis() + markAheadMillis;
            mark.store(markedUntil);
        }
        return layout.compose(tick, unit, worker, slot, sequenceBySlot[slot]);
    }

    /**
     * Waits until the clock reaches {@code tick}: sleeps all but the last millisecond, then spins on
     * the clock. Sleeping the last millisecond too overshoots (Thread.sleep(1) returns 1.05-1.3 ms
     * later on Linux), so at full demand every third or fourth tick went unused: 3.26 M IDs/s of a
     * 4.096 M/s layout. A clock that does not move while spinning (a test's fake clock) falls back to
     * the sleeper after {@link #SPIN_LIMIT_NANOS}.
     */
    private long waitUntilTick(long tick) {
        long boundary = tick * layout.tickMillis() + epochMillis;
        long now = clock.getAsLong();
        long spinningSince = 0;
        while (layout.tickOf(now) < tick) {
            long remaining = boundary - now;
            if (remaining > 1) {
                sleep(remaining - 1);
                spinningSince = 0;
            } else if (spinningSince == 0) {
                spinningSince = nanoTime.getAsLong();
            } else if (nanoTime.getAsLong() - spinningSince > SPIN_LIMIT_NANOS) {
                sleep(1);
                spinningSince = 0;
            } else {
                Thread.onSpinWait();
            }
            now = clock.getAsLong();
        }
        return now;
    }

    private void sleep(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the clock", e);
        }
    }

    /** Waits; injectable so that tests can move a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** {@code unit} and {@code worker} are required; the layout defaults to {@link IdLayout#standard()}. */
    public static final class Builder {
        private IdLayout layout = IdLayout.standard();
        private Integer unitValue;
        private Integer workerValue;
        private int unit;
        private int worker;
        private LongSupplier clock = System::currentTimeMillis;
        private LongSupplier nanoTime = System::nanoTime;
        private Sleeper sleeper = Thread::sleep;
        private long maxBackwardWaitMillis = 10;
        private long markAheadMillis = 1000;
        private HighWaterMark mark = HighWaterMark.none();
        private WorkerLease lease;

        public Builder layout(IdLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** The unit's index in the ID (0..2^unitBits-1), e.g. its position in the rules' unit list. */
        public Builder unit(int unit) {
            this.unitValue = unit;
            return this;
        }

        /** This process's worker id; prefer {@link #workerLease} so that no two live processes share one. */
        public Builder worker(int worker) {
            this.workerValue = worker;
            return this;
        }

        /** The worker id from a lease; IDs are refused ({@link WorkerLeaseLostException}) once it is lost. */
        public Builder workerLease(WorkerLease lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            this.workerValue = lease.worker();
            return this;
        }

        public Builder clock(LongSupplier epochMillis, Sleeper sleeper) {
            return clock(epochMillis, System::nanoTime, sleeper);
        }

        /** As {@link #clock(LongSupplier, Sleeper)}, with the monotonic time that bounds a spin on a clock that does not move. */
        public Builder clock(LongSupplier epochMillis, LongSupplier nanoTime, Sleeper sleeper) {
            this.clock = Objects.requireNonNull(epochMillis, "clock");
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** A backward step up to this is waited out; larger ones are refused (default 10 ms). */
        public Builder maxBackwardWait(long millis) {
            this.maxBackwardWaitMillis = millis;
            return this;
        }

        public Builder highWaterMark(HighWaterMark mark, long aheadMillis) {
            this.mark = Objects.requireNonNull(mark, "mark");
            this.markAheadMillis = aheadMillis;
            return this;
        }

        public SnowflakeIdGenerator build() {
            java.util.List<String> errors = new java.util.ArrayList<>();
            if (unitValue == null) {
                errors.add("unit is required");
            } else if (unitValue < 0 || unitValue >= layout.maxUnits()) {
                errors.add("unit must be within 0.." + (layout.maxUnits() - 1) + ", but was " + unitValue);
            }
            if (workerValue == null) {
                errors.add("worker is required");
            } else if (workerValue < 0 || workerValue >= layout.maxWorkers()) {
                errors.add("worker must be within 0.." + (layout.maxWorkers() - 1) + ", but was " + workerValue);
            }
            if (maxBackwardWaitMillis < 0) {
                errors.add("maxBackwardWait must be >= 0, but was " + maxBackwardWaitMillis);
            }
            if (markAheadMillis < 0) {
                errors.add("markAhead must be >= 0, but was " + markAheadMillis);
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid snowflake generator: " + String.join("; ", errors));
            }
            unit = unitValue;
            worker = workerValue;
            return new SnowflakeIdGenerator(this);
        }
    }
}
