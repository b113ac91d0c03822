package io.unitize.controlcenter.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.StepRecord;

import java.time.Duration;

/**
 * Micrometer meters: {@code unitize.cutover.freeze.window} (freeze published -> new routes applied
 * everywhere; the headline figure), {@code unitize.cutover.step} per step and outcome, and
 * {@code unitize.cutover.finished} per status.
 */
public class CutoverMetrics implements CutoverObserver {

    private final MeterRegistry registry;
    private final Timer freezeWindow;

    public CutoverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.freezeWindow = Timer.builder("unitize.cutover.freeze.window")
                .description("Freeze published to new routes (or rollback) applied by every live agent")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Override
    public void stepFinished(Cutover cutover, StepRecord step) {
        if (step.millis() != null) {
            Timer.builder("unitize.cutover.step").tag("step", step.step().name()).tag("outcome", step.outcome() == null ? "null" : step.outcome().label())
                    .register(registry).record(Duration.ofMillis(step.millis()));
        }
    }

    @Override
    public void finished(Cutover cutover) {
        Counter.builder("unitize.cutover.finished").tag("status", cutover.status().name()).register(registry).increment();
        if (cutover.freezeWindowMillis() != null) {
            freezeWindow.record(Duration.ofMillis(cutover.freezeWindowMillis()));
        }
    }
}
