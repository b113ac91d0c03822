package io.unitize.jobs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.jobs.micrometer.JobsMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Job runs counted by outcome, read from a SimpleMeterRegistry. */
class JobRunMetricsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private final FakeJobLease lease = new FakeJobLease(clock);

    private double runs(SimpleMeterRegistry registry, String unit, String job, String outcome) {
        return registry.get(JobsMetrics.JOB_RUNS).tags("unit", unit, "job", job, "outcome", outcome).counter().count();
    }

    @Test
    void eachFireIsCountedUnderItsOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UnitJobRunner center = new UnitJobRunner("center", "c1", () -> Rules.split(1), lease, new JobsMetrics(registry, "center"));
        UnitJobRunner unitB = new UnitJobRunner("unit-b", "b1", () -> Rules.split(1), lease, new JobsMetrics(registry, "unit-b"));
        JobDefinition report = JobDefinition.of("report", JobMode.CENTER, ctx -> { });
        JobDefinition broken = JobDefinition.of("broken", JobMode.ALL, ctx -> {
            throw new IllegalStateException("bug");
        });
        Instant fire = clock.instant().minusSeconds(60);

        assertThat(center.run(report, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(center.run(report, fire)).isEqualTo(JobRunOutcome.SKIPPED_LEASE_HELD);
        assertThat(unitB.run(report, fire)).isEqualTo(JobRunOutcome.SKIPPED_NOT_CENTER);
        assertThat(unitB.run(broken, fire)).isEqualTo(JobRunOutcome.FAILED);

        assertThat(runs(registry, "center", "report", "ran")).isEqualTo(1);
        assertThat(runs(registry, "center", "report", "skipped_lease_held")).isEqualTo(1);
        assertThat(runs(registry, "unit-b", "report", "skipped_not_center")).isEqualTo(1);
        assertThat(runs(registry, "unit-b", "broken", "failed")).isEqualTo(1);
    }
}
