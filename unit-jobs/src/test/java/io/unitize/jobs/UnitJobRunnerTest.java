package io.unitize.jobs;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.SlotRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitJobRunnerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private final FakeJobLease lease = new FakeJobLease(clock);
    private final AtomicReference<RulesSnapshot> rules = new AtomicReference<>(Rules.split(1));
    private final Instant fire = Instant.parse("2026-12-02T08:00:00Z");

    private UnitJobRunner runner(String unit, String holder) {
        return new UnitJobRunner(unit, holder, rules::get, lease);
    }

    @Test
    void aCenterJobRunsInTheCenterOnlyWithNoRanges() {
        List<JobContext> runs = new ArrayList<>();
        JobDefinition job = JobDefinition.of("report", JobMode.CENTER, runs::add);
        assertThat(runner("unit-b", "b1").run(job, fire)).isEqualTo(JobRunOutcome.SKIPPED_NOT_CENTER);
        assertThat(runner("center", "c1").run(job, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(runs).singleElement().satisfies(c -> {
            assertThat(c.unit()).isEqualTo("center");
            assertThat(c.ranges()).isEmpty();
            assertThat(c.owns(7042)).isTrue();
        });
    }

    @Test
    void aUnitJobIsHandedItsOwnedUnfrozenRangesAndFollowsANewVersion() {
        List<JobContext> runs = new ArrayList<>();
        JobDefinition job = JobDefinition.of("stats", JobMode.UNIT, runs::add);
        UnitJobRunner b = runner("unit-b", "b1");
        UnitJobRunner c = runner("center", "c1");

        assertThat(b.run(job, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(c.run(job, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(runs.get(0).ranges()).containsExactly(SlotRange.of(5000, 9999));
        assertThat(runs.get(1).ranges()).containsExactly(SlotRange.of(0, 4999));
        assertThat(runs.get(0).owns(7042)).isTrue();
        assertThat(runs.get(0).owns(4042)).isFalse();

        rules.set(Rules.frozen(2));
        assertThat(b.run(job, fire.plusSeconds(1))).isEqualTo(JobRunOutcome.RAN);
        assertThat(runs.get(2).ranges()).as("frozen slots are skipped").containsExactly(SlotRange.of(5000, 6999), SlotRange.of(8000, 9999));
        assertThat(runs.get(2).frozenSkipped()).containsExactly(SlotRange.of(7000, 7999));
        assertThat(runs.get(2).owns(7042)).isFalse();

        rules.set(Rules.moved(3));
        assertThat(c.run(job, fire.plusSeconds(2))).isEqualTo(JobRunOutcome.RAN);
        assertThat(runs.get(3).ranges()).containsExactly(SlotRange.of(0, 4999), SlotRange.of(7000, 7999));
        assertThat(runs.get(3).rulesVersion()).isEqualTo(3);
    }

    @Test
    void oneFireRunsOnceAmongTheInstancesOfAUnitWithAGrowingFencingToken() {
        List<JobContext> runs = new ArrayList<>();
        JobDefinition job = JobDefinition.of("sweep", JobMode.ALL, runs::add);
        UnitJobRunner b1 = runner("unit-b", "b1");
        UnitJobRunner b2 = runner("unit-b", "b2");
        assertThat(b1.run(job, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(b2.run(job, fire)).as("the same fire, already run in this unit").isEqualTo(JobRunOutcome.SKIPPED_LEASE_HELD);
        assertThat(runner("center", "c1").run(job, fire)).as("another unit has its own lease").isEqualTo(JobRunOutcome.RAN);
        assertThat(b2.run(job, fire.plusSeconds(1))).isEqualTo(JobRunOutcome.RAN);
        assertThat(runs).extracting(JobContext::fencingToken).containsExactly(1L, 1L, 2L);
        assertThat(b2.count("sweep", JobRunOutcome.SKIPPED_LEASE_HELD)).isEqualTo(1);
    }

    @Test
    void aRunningJobBlocksTheNextFireOfAnotherInstance() {
        UnitJobRunner b2 = runner("unit-b", "b2");
        AtomicReference<JobRunOutcome> inner = new AtomicReference<>();
        JobDefinition job = JobDefinition.of("long", JobMode.ALL, ctx -> inner.set(b2.run(JobDefinition.of("long", JobMode.ALL, x -> { }),
                fire.plusSeconds(1))));
        assertThat(runner("unit-b", "b1").run(job, fire)).isEqualTo(JobRunOutcome.RAN);
        assertThat(inner.get()).as("a later fire while the run holds the lease").isEqualTo(JobRunOutcome.SKIPPED_LEASE_HELD);
        assertThat(lease.held("unit-b", "long")).as("released when the run returned").isFalse();
    }

    @Test
    void aFailingRunReleasesTheLeaseAndIsCounted() {
        UnitJobRunner b = runner("unit-b", "b1");
        JobDefinition job = JobDefinition.of("boom", JobMode.ALL, ctx -> {
            throw new IllegalStateException("boom");
        });
        assertThat(b.run(job, fire)).isEqualTo(JobRunOutcome.FAILED);
        assertThat(lease.held("unit-b", "boom")).isFalse();
        assertThat(b.count("boom", JobRunOutcome.FAILED)).isEqualTo(1);
    }

    @Test
    void noRulesNoSlotsOrNoLeaseStoreMeanNoRun() {
        List<JobContext> runs = new ArrayList<>();
        UnitJobRunner none = new UnitJobRunner("unit-b", "b1", () -> {
            throw new RulesUnavailableException("none yet");
        }, lease);
        assertThat(none.run(JobDefinition.of("x", JobMode.ALL, runs::add), fire)).isEqualTo(JobRunOutcome.SKIPPED_NO_RULES);
        rules.set(Rules.base(2).route(0, 9999, "center").build().compile());
        assertThat(runner("unit-b", "b1").run(JobDefinition.of("x", JobMode.UNIT, runs::add), fire)).isEqualTo(JobRunOutcome.SKIPPED_NO_SLOTS);
        lease.unavailable = true;
        assertThat(runner("center", "c1").run(JobDefinition.of("x", JobMode.ALL, runs::add), fire))
                .isEqualTo(JobRunOutcome.SKIPPED_LEASE_UNAVAILABLE);
        assertThat(runs).isEmpty();
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JobDefinition.of("a b", JobMode.ALL, c -> { })).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("UNITIZE-JOB-001 job name must be 1-128 characters").hasMessageContaining("'a b'");
        assertThatThrownBy(() -> new JobDefinition("a", JobMode.ALL, Duration.ZERO, c -> { })).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("leaseFor must be > 0, but was PT0S");
        assertThatThrownBy(() -> new UnitJobRunner(" ", "h", rules::get, lease)).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("unitize.unit");
    }
}
