package io.unitize.jobs.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unitize.jobs.JobRunEvents;
import io.unitize.jobs.JobRunOutcome;
import io.unitize.jobs.timeout.FiredTimeout;
import io.unitize.jobs.timeout.TimeoutEvents;
import io.unitize.jobs.timeout.TimeoutTask;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs' and the timeout center's meters, all tagged {@code unit}. Pass it as the
 * {@link TimeoutEvents} of the {@code TimeoutCenter} and the {@code TimeoutFirer} and as the
 * {@link JobRunEvents} of the {@code UnitJobRunner} (the starter does, with a {@link MeterRegistry}).
 * The lateness timer publishes a histogram: take quantiles in PromQL, across instances.
 */
public final class JobsMetrics implements TimeoutEvents, JobRunEvents {

    /** Counter: tasks registered (a repeated identical registration counts again). */
    public static final String TIMEOUTS_REGISTERED = "unitize.jobs.timeout.registered";
    /** Counter, tag {@code reason} (misrouted, frozen, conflict, unknown_callback): registrations refused. */
    public static final String TIMEOUTS_REFUSED = "unitize.jobs.timeout.refused";
    /** Counter: tasks fired (callback returned, FIRED) by this instance. */
    public static final String TIMEOUTS_FIRED = "unitize.jobs.timeout.fired";
    /** Counter: callbacks that threw or are unknown here (the task is retried after a backoff). */
    public static final String TIMEOUTS_FAILED = "unitize.jobs.timeout.failed";
    /** Timer with histogram: when a fired task's callback ran minus its due time. */
    public static final String TIMEOUTS_LATENESS = "unitize.jobs.timeout.lateness";
    /** Gauge: due tasks of this unit held back by a freeze, at the last poll. */
    public static final String TIMEOUTS_WAITING_ON_FREEZE = "unitize.jobs.timeout.waiting.on.freeze";
    /** Counter, tags {@code job}, {@code outcome} (ran, failed, skipped_not_center, ...): fires of a job in this instance. */
    public static final String JOB_RUNS = "unitize.jobs.runs";

    private final MeterRegistry registry;
    private final String unit;
    private final Counter registered;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Counter fired;
    private final Counter failed;
    private final Timer lateness;
    private final AtomicLong waiting = new AtomicLong();

    public JobsMetrics(MeterRegistry registry, String unit) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.unit = Objects.requireNonNull(unit, "unit");
        registered = Counter.builder(TIMEOUTS_REGISTERED).description("Timeout tasks registered").tag("unit", unit).register(registry);
        for (Refusal why : Refusal.values()) {
            refused.put(why, Counter.builder(TIMEOUTS_REFUSED).description("Timeout task registrations refused").tag("unit", unit)
                    .tag("reason", why.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        fired = Counter.builder(TIMEOUTS_FIRED).description("Timeout tasks fired by this instance").tag("unit", unit).register(registry);
        failed = Counter.builder(TIMEOUTS_FAILED).description("Timeout callbacks failed (retried after a backoff)").tag("unit", unit)
                .register(registry);
        lateness = Timer.builder(TIMEOUTS_LATENESS).description("Fire time minus due time of fired timeout tasks").tag("unit", unit)
                .publishPercentileHistogram().register(registry);
        Gauge.builder(TIMEOUTS_WAITING_ON_FREEZE, waiting, AtomicLong::get).description("Due timeout tasks held back by a freeze")
                .tag("unit", unit).register(registry);
    }

    @Override
    public void registered(TimeoutTask task) {
        registered.increment();
    }

    @Override
    public void refused(TimeoutTask task, Refusal why) {
        refused.get(why).increment();
    }

    @Override
    public void fired(FiredTimeout firedTask, Duration late) {
        fired.increment();
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    @Override
    public void callbackFailed(TimeoutTask task) {
        failed.increment();
    }

    @Override
    public void waitingOnFreeze(long tasks) {
        waiting.set(tasks);
    }

    @Override
    public void finished(String job, JobRunOutcome outcome, Duration took) {
        // Micrometer keeps one counter per (job, outcome): the lookup after the first fire is a map read
        Counter.builder(JOB_RUNS).description("Fires of a job in this instance, by outcome").tag("unit", unit).tag("job", job)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
