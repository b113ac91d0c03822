package io.unitize.jobs.timeout;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.SlotRange;
import io.unitize.jobs.JobsConfigException;
import io.unitize.jobs.OwnedSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Fires this unit's due timeout tasks. Each poll reads the rules in force and asks the store only for
 * tasks of buyers in the slots this unit owns and that are not frozen; right before claiming a task it
 * checks the buyer's home again against the newest snapshot. So after a cutover the moved buyers'
 * tasks (replicated rows) fire in the new home unit, and a frozen buyer's task waits until the freeze
 * lifts. A claim is a conditional UPDATE: among the instances of a unit one fires a task.
 */
public final class TimeoutFirer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TimeoutFirer.class);

    private final String unit;
    private final String holder;
    private final Supplier<RulesSnapshot> rules;
    private final TimeoutStore store;
    private final TimeoutCallbacks callbacks;
    private final Settings settings;
    private final TimeoutEvents events;
    private final Clock clock;
    private final ExecutorService workers;
    private final LongAdder fired = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder lostClaims = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private volatile Thread poller;
    private volatile boolean running;

    /**
     * @param pollEvery  how often to look for due tasks when the last poll found less than a batch
     * @param batch      tasks claimed per poll
     * @param threads    callbacks run in parallel
     * @param claimFor   how long a claim holds before another instance may retry the task (longer than a callback)
     * @param maxBackoff the longest wait before retrying a failed callback (it doubles from 1 s)
     */
    public record Settings(Duration pollEvery, int batch, int threads, Duration claimFor, Duration maxBackoff) {
        public Settings {
            if (pollEvery == null || pollEvery.toMillis() < 10) {
                throw new JobsConfigException("unitize.jobs.timeout.poll-every must be >= 10 ms, but was " + pollEvery);
            }
            if (batch < 1 || batch > 10_000) {
                throw new JobsConfigException("unitize.jobs.timeout.batch must be in 1..10000, but was " + batch);
            }
            if (threads < 1 || threads > 256) {
                throw new JobsConfigException("unitize.jobs.timeout.threads must be in 1..256, but was " + threads);
            }
            if (claimFor == null || claimFor.toMillis() < 1000) {
                throw new JobsConfigException("unitize.jobs.timeout.claim-for must be >= 1 s, but was " + claimFor);
            }
            if (maxBackoff == null || maxBackoff.toMillis() < 1000) {
                throw new JobsConfigException("unitize.jobs.timeout.max-backoff must be >= 1 s, but was " + maxBackoff);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(200), 200, 4, Duration.ofSeconds(60), Duration.ofMinutes(5));
        }
    }

    public TimeoutFirer(String unit, String holder, Supplier<RulesSnapshot> rules, TimeoutStore store, TimeoutCallbacks callbacks,
                        Settings settings) {
        this(unit, holder, rules, store, callbacks, settings, TimeoutEvents.NONE, Clock.systemUTC());
    }

    /** As above, telling {@code events} about fires, failures and tasks waiting on a freeze; lateness is read on {@code clock}. */
    public TimeoutFirer(String unit, String holder, Supplier<RulesSnapshot> rules, TimeoutStore store, TimeoutCallbacks callbacks,
                        Settings settings, TimeoutEvents events, Clock clock) {
        if (unit == null || unit.isBlank()) {
            throw new JobsConfigException("TimeoutFirer needs the unit this process runs in (unitize.unit), but it was not set");
        }
        this.unit = unit;
        this.holder = Objects.requireNonNull(holder, "holder");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.store = Objects.requireNonNull(store, "store");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "unitize-timeout-" + unit + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling on a thread of its own. */
    public synchronized TimeoutFirer start() {
        if (poller == null) {
            running = true;
            poller = new Thread(this::loop, "unitize-timeout-poller-" + unit);
            poller.setDaemon(true);
            poller.start();
        }
        return this;
    }

    private void loop() {
        while (running) {
            long started = System.nanoTime();
            int n;
            try {
                n = fireDue();
            } catch (TimeoutStoreUnavailableException e) {
                log.warn("UNITIZE-JOB-040 timeout tasks of unit {} not polled: {}. Next: check this unit's database; polling goes on",
                        unit, e.getMessage());
                n = 0;
            } catch (RuntimeException e) {
                log.error("UNITIZE-JOB-041 timeout poll of unit {} failed: {}", unit, e.toString(), e);
                n = 0;
            }
            // polls start every poll-every (the poll's own time counts), at once again after a full batch
            long rest = settings.pollEvery().toMillis() - (System.nanoTime() - started) / 1_000_000L;
            if (n < settings.batch() && rest > 0) {
                try {
                    Thread.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * One poll: claims up to a batch of due tasks this unit owns now and runs their callbacks.
     *
     * @return the number of tasks claimed
     */
    public int fireDue() {
        polls.increment();
        RulesSnapshot snapshot;
        try {
            snapshot = rules.get();
        } catch (RulesUnavailableException none) {
            return 0;
        }
        OwnedSlots owned = OwnedSlots.of(snapshot, unit);
        if (events != TimeoutEvents.NONE) { // one COUNT per poll, and only while something this unit owns is frozen
            events.waitingOnFreeze(owned.frozen().isEmpty() ? 0 : store.countDue(snapshot.slotCount(), owned.frozen()));
        }
        List<SlotRange> ranges = owned.unfrozen();
        if (ranges.isEmpty()) {
            return 0;
        }
        List<TimeoutTask> due = store.due(snapshot.slotCount(), ranges, settings.batch());
        if (due.isEmpty()) {
            return 0;
        }
        // check, claim, call and mark FIRED on the callback threads: the claims of a batch run in parallel too
        List<Callable<Boolean>> calls = new ArrayList<>(due.size());
        for (TimeoutTask task : due) {
            calls.add(() -> claimAndCall(task));
        }
        int claimed = 0;
        try {
            for (Future<Boolean> f : workers.invokeAll(calls)) {
                try {
                    claimed += f.get() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof TimeoutStoreUnavailableException unavailable) {
                        throw unavailable;
                    }
                    log.error("UNITIZE-JOB-041 timeout poll of unit {} failed: {}", unit, e.getCause().toString(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return claimed;
    }

    /** Claims the task if this unit still owns its buyer and it is not frozen (newest rules), then runs it; false if not claimed. */
    private boolean claimAndCall(TimeoutTask task) {
        RulesSnapshot now = rules.get(); // a push may have arrived since the query: check against the newest
        if (!now.isHomedIn(task.buyerId(), unit) || now.isFrozen(task.buyerId())) {
            return false;
        }
        OptionalInt attempt = store.claim(task.buyerId(), task.key(), holder, settings.claimFor());
        if (attempt.isEmpty()) {
            lostClaims.increment();
            return false;
        }
        call(task, attempt.getAsInt());
        return true;
    }

    private void call(TimeoutTask task, int attempt) {
        TimeoutCallback callback = callbacks.get(task.callback()).orElse(null);
        String error;
        if (callback == null) {
            error = "no callback named '" + task.callback() + "' in this process";
            log.error("UNITIZE-JOB-042 timeout task {} of buyer {} names callback '{}', unknown in this process of unit {}; "
                    + "it waits. Next: deploy the callback (known: {})", task.key(), task.buyerId(), task.callback(), unit, callbacks.names());
        } else {
            try {
                FiredTimeout firing = new FiredTimeout(task, attempt, unit);
                Duration lateness = Duration.between(task.dueAt(), clock.instant());
                callback.onTimeout(firing);
                if (store.markFired(task.buyerId(), task.key(), holder, attempt, unit)) {
                    fired.increment();
                    events.fired(firing, lateness);
                } else {
                    lostClaims.increment();
                    log.warn("UNITIZE-JOB-043 timeout task {} of buyer {} ran, but its claim had expired (callback longer than "
                            + "claim-for {}): it may run again. Next: raise unitize.jobs.timeout.claim-for", task.key(),
                            task.buyerId(), settings.claimFor());
                }
                return;
            } catch (Exception e) {
                error = e.toString();
                log.warn("UNITIZE-JOB-031 timeout task {} of buyer {} failed in unit {} (attempt {}): {}; retried after backoff. "
                        + "Next: see the cause", task.key(), task.buyerId(), unit, attempt, e.toString());
            }
        }
        failed.increment();
        events.callbackFailed(task);
        long backoff = Math.min(settings.maxBackoff().toMillis(), 1000L << Math.min(20, Math.max(0, attempt - 1)));
        store.retryLater(task.buyerId(), task.key(), holder, attempt, Duration.ofMillis(backoff), error);
    }

    /** Tasks fired (callback returned, state FIRED) by this instance. */
    public long firedCount() {
        return fired.sum();
    }

    /** Callback failures (the task was put back to PENDING). */
    public long failedCount() {
        return failed.sum();
    }

    /** Claims lost to another instance (or expired before the callback returned). */
    public long lostClaimCount() {
        return lostClaims.sum();
    }

    public long pollCount() {
        return polls.sum();
    }

    @Override
    public synchronized void close() {
        running = false;
        Thread t = poller;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }
}
