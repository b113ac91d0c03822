package io.unitize.controlcenter.cutover;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.unitize.controlcenter.config.CutoverMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control center's meters over the engine's in-memory ports (CutoverEngineTest's): the freeze
 * window is a timer with a histogram, the freeze age counts only while the slots are frozen, and the
 * freeze timeout is the configured one.
 */
class CutoverMetricsTest {

    private static final Duration SHORT = Duration.ofSeconds(5);
    private final CutoverEngineTest.Ledger ledger = new CutoverEngineTest.Ledger();
    private final CutoverEngineTest.Units units = new CutoverEngineTest.Units();
    private final CutoverEngineTest.OffsetClock clock = new CutoverEngineTest.OffsetClock();
    private CutoverEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theFreezeWindowIsAHistogramAndTheFreezeAgeCountsOnlyWhileFrozen() throws Exception {
        ledger.append(PlanResolverTest.RULES.toBuilder().version(1).build(), RulesLedger.Purpose.EDIT, null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Duration freezeTimeout = Duration.ofSeconds(85);
        CutoverMetrics metrics = new CutoverMetrics(registry, clock, freezeTimeout);
        AtomicReference<Double> ageAtSync = new AtomicReference<>();
        List<Double> agesAfter = new CopyOnWriteArrayList<>();
        CutoverObserver probe = new CutoverObserver() {
            @Override
            public void stepFinished(Cutover cutover, StepRecord step) {
                double age = registry.get("unitize.cutover.freeze.age").gauge().value();
                if (step.step() == CutoverStep.MARK) {
                    clock.advance(Duration.ofSeconds(2)); // the sync takes two seconds
                } else if (step.step() == CutoverStep.CONFIRM_SYNC) {
                    ageAtSync.set(age);
                } else if (step.step() == CutoverStep.SWITCH || step.step() == CutoverStep.REPLAY) {
                    agesAfter.add(age);
                }
            }
        };
        engine = new CutoverEngine(new RulesAuthority(ledger, units, clock), units, List.of(new CutoverEngineTest.Markers()), r -> { },
                new CutoverEngineTest.Repo(), new CutoverSettings(SHORT, SHORT, SHORT, SHORT, SHORT, Duration.ofMillis(5), Duration.ofSeconds(5),
                freezeTimeout), SyncMode.MARKER, List.of(metrics, probe), clock);
        assertThat(registry.get("unitize.cutover.freeze.age").gauge().value()).isZero();
        assertThat(registry.get("unitize.cutover.freeze.timeout").gauge().value()).isEqualTo(85.0);

        String id = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!engine.find(id).orElseThrow().status().finished()) {
            assertThat(System.nanoTime()).as("cutover finished").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(engine.find(id).orElseThrow().status()).isEqualTo(CutoverStatus.DONE);
        Timer window = registry.get("unitize.cutover.freeze.window").timer();
        while (window.count() == 0) { // observers are told right after the state is saved
            assertThat(System.nanoTime()).as("observers told").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(ageAtSync.get()).as("frozen since FREEZE, two seconds and more").isGreaterThanOrEqualTo(2.0);
        assertThat(agesAfter).as("the switch lifted the freeze").isNotEmpty().containsOnly(0.0);
        assertThat(registry.get("unitize.cutover.freeze.age").gauge().value()).isZero();
        assertThat(window.count()).isEqualTo(1);
        assertThat(registry.scrape()).as("buckets, not client-side percentiles").contains("unitize_cutover_freeze_window_seconds_bucket{")
                .doesNotContain("quantile=");
        assertThat(registry.get("unitize.cutover.finished").tag("status", "DONE").counter().count()).isEqualTo(1);
    }
}
