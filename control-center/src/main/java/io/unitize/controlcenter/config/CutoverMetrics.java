package io.unitize.controlcenter.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.controlcenter.cutover.StepOutcome;
import io.unitize.controlcenter.cutover.StepRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters: {@code unitize.cutover.freeze.window} (freeze published -> new routes applied
 * everywhere; the headline figure; a timer with a histogram), {@code unitize.cutover.step} per step
 * and outcome, {@code unitize.cutover.finished} per status, {@code unitize.cutover.freeze.age}
 * (seconds the oldest running freeze has lasted, 0 when none) and {@code unitize.cutover.freeze.timeout}
 * (the configured {@code cutover.freeze-timeout}, seconds).
 */
public class CutoverMetrics implements CutoverObserver {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer freezeWindow;
    private final Map<String, Instant> frozenSince = new ConcurrentHashMap<>();

    public CutoverMetrics(MeterRegistry registry, Clock clock, Duration freezeTimeout) {
        this.registry = registry;
        this.clock = clock;
        this.freezeWindow = Timer.builder("unitize.cutover.freeze.window")
                .description("Freeze published to new routes (or rollback) applied by every live agent")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("unitize.cutover.freeze.age", this, CutoverMetrics::freezeAgeSeconds).baseUnit("seconds")
                .description("how long the oldest running cutover's freeze has lasted (0 when none)").register(registry);
        Gauge.builder("unitize.cutover.freeze.timeout", freezeTimeout, d -> d.toMillis() / 1000.0).baseUnit("seconds")
                .description("cutover.freeze-timeout: a freeze older than this is rolled back").register(registry);
    }

    double freezeAgeSeconds() {
        Instant now = clock.instant();
        long oldest = 0;
        for (Instant since : frozenSince.values()) {
            oldest = Math.max(oldest, Duration.between(since, now).toMillis());
        }
        return oldest / 1000.0;
    }

    @Override
    public void stepFinished(Cutover cutover, StepRecord step) {
        if (step.millis() != null) {
            Timer.builder("unitize.cutover.step").tag("step", step.step().name()).tag("outcome", step.outcome() == null ? "null" : step.outcome().label())
                    .register(registry).record(Duration.ofMillis(step.millis()));
        }
        boolean lifted = step.outcome() == StepOutcome.OK && (step.step() == CutoverStep.SWITCH || step.step() == CutoverStep.ROLLBACK);
        if (lifted || cutover.status().finished() || cutover.freezePublishedAt() == null) {
            frozenSince.remove(cutover.id());
        } else {
            frozenSince.put(cutover.id(), cutover.freezePublishedAt());
        }
    }

    @Override
    public void finished(Cutover cutover) {
        frozenSince.remove(cutover.id());
        Counter.builder("unitize.cutover.finished").tag("status", cutover.status().name()).register(registry).increment();
        if (cutover.freezeWindowMillis() != null) {
            freezeWindow.record(Duration.ofMillis(cutover.freezeWindowMillis()));
        }
    }
}
