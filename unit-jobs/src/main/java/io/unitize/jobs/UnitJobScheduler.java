package io.unitize.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plain scheduler: fires a job every {@code period}, at the multiples of the period since the
 * epoch, so every instance of every unit fires the same instants and the unit's lease lets one
 * instance run each fire. A fire that comes while the previous run of this instance is still going is
 * skipped (the executor runs one fire at a time per job).
 *
 * <pre>{@code
 * UnitJobScheduler jobs = new UnitJobScheduler(runner);
 * jobs.schedule(JobDefinition.of("buyer-stats", JobMode.UNIT, ctx -> stats.scan(ctx.ranges())), Duration.ofMinutes(1));
 * }</pre>
 */
public final class UnitJobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnitJobScheduler.class);

    private final UnitJobRunner runner;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    public UnitJobScheduler(UnitJobRunner runner) {
        this(runner, Clock.systemUTC(), 2);
    }

    public UnitJobScheduler(UnitJobRunner runner, Clock clock, int threads) {
        this.runner = runner;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "unitize-job-" + runner.unit() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Fires {@code job} at every multiple of {@code period} (at least 100 ms) until {@link #close()}. */
    public ScheduledFuture<?> schedule(JobDefinition job, Duration period) {
        if (period == null || period.toMillis() < 100) {
            throw new JobsConfigException("job '" + job.name() + "': period must be >= 100 ms, but was " + period);
        }
        long p = period.toMillis();
        long now = clock.millis();
        long first = (now / p + 1) * p;
        return executor.scheduleAtFixedRate(() -> fire(job, p), first - now, p, TimeUnit.MILLISECONDS);
    }

    private void fire(JobDefinition job, long periodMillis) {
        // the fire this tick serves: the multiple of the period it was scheduled for; the executor's timer and the
        // wall clock drift apart a little, so a tick up to a quarter period early or three quarters late serves it
        Instant fireTime = Instant.ofEpochMilli((clock.millis() + periodMillis / 4) / periodMillis * periodMillis);
        try {
            runner.run(job, fireTime);
        } catch (RuntimeException | Error e) {
            log.error("UNITIZE-JOB-013 fire {} of job {} threw past the runner: {}", fireTime, job.name(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
