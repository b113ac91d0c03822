package io.unitize.jobs.it;

import io.unitize.core.SlotRange;
import io.unitize.jobs.JobContext;
import io.unitize.jobs.JobDefinition;
import io.unitize.jobs.JobMode;
import io.unitize.jobs.JobRunOutcome;
import io.unitize.jobs.Rules;
import io.unitize.jobs.UnitJobRunner;
import io.unitize.jobs.UnitJobScheduler;
import io.unitize.jobs.jdbc.JdbcJobLease;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs on the sandbox: two instances per unit (each with its own pool onto its unit's MariaDB, the
 * lease in that database), firing the same instants; rules pushed through both units' Nacos.
 */
@SandboxServers({ServerKind.MARIADB, ServerKind.NACOS})
class UnitJobsIT {

    record Run(String unit, String instance, JobContext context, long startNanos, long endNanos) {
    }

    /** A job of the test: its body records the run after {@code work} (the run's own duration, not a wait of the test). */
    record JobSpec(String name, JobMode mode, Duration workFor) {
        JobDefinition build(io.unitize.jobs.ScheduledJob body) {
            return new JobDefinition(name, mode, Duration.ofSeconds(30), body);
        }

        void work() throws InterruptedException {
            Thread.sleep(workFor.toMillis());
        }
    }

    private static List<UnitJobScheduler> instances(SandboxUnits units, JobSpec job, ConcurrentLinkedQueue<Run> runs,
                                                    List<UnitJobRunner> runners, Duration period) {
        List<UnitJobScheduler> out = new ArrayList<>();
        for (String unit : List.of("center", "unit-b")) {
            for (int i = 1; i <= 2; i++) {
                String instance = unit + "#" + i;
                UnitJobRunner runner = new UnitJobRunner(unit, instance, units.rules(unit)::snapshot, new JdbcJobLease(units.pool(unit, 2)));
                runners.add(runner);
                UnitJobScheduler scheduler = new UnitJobScheduler(runner);
                scheduler.schedule(job.build(ctx -> {
                    long start = System.nanoTime();
                    job.work();
                    runs.add(new Run(unit, instance, ctx, start, System.nanoTime()));
                }), period);
                out.add(scheduler);
            }
        }
        return out;
    }

    @Test
    void aCenterJobRunsOnceAndOnlyInTheCenter(UnitSandbox sandbox) throws Exception {
        ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();
        List<UnitJobRunner> runners = new ArrayList<>();
        // each run (700 ms) outlasts the period (500 ms): the next fire comes while the run holds the lease
        JobSpec job = new JobSpec("center-report", JobMode.CENTER, Duration.ofMillis(700));
        try (SandboxUnits units = new SandboxUnits(sandbox, "center")) {
            List<UnitJobScheduler> schedulers = instances(units, job, runs, runners, Duration.ofMillis(500));
            try {
                SandboxUnits.await(Duration.ofSeconds(90), "8 runs of the CENTER job", () -> runs.size() >= 8);
            } finally {
                schedulers.forEach(UnitJobScheduler::close);
            }
            List<Run> all = new ArrayList<>(runs);
            assertThat(all).allSatisfy(r -> assertThat(r.unit()).isEqualTo("center"));
            Set<java.time.Instant> fires = new HashSet<>();
            assertThat(all).allSatisfy(r -> assertThat(fires.add(r.context().fireTime())).as("fire %s run once", r.context().fireTime()).isTrue());
            all.sort(Comparator.comparingLong(Run::startNanos));
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).startNanos()).as("run %d starts after run %d ended (%s after %s)", i, i - 1,
                        all.get(i).instance(), all.get(i - 1).instance()).isGreaterThanOrEqualTo(all.get(i - 1).endNanos());
                assertThat(all.get(i).context().fencingToken()).isGreaterThan(all.get(i - 1).context().fencingToken());
            }
            long notCenter = runners.stream().filter(r -> r.unit().equals("unit-b"))
                    .mapToLong(r -> r.count("center-report", JobRunOutcome.SKIPPED_NOT_CENTER)).sum();
            long leaseHeld = runners.stream().mapToLong(r -> r.count("center-report", JobRunOutcome.SKIPPED_LEASE_HELD)).sum();
            assertThat(notCenter).as("unit-b's instances fired and skipped").isGreaterThan(0);
            assertThat(leaseHeld).as("the other center instance (and overlapping fires) were refused the lease").isGreaterThan(0);
        }
    }

    @Test
    void aUnitJobSeesOnlyItsRangesAndFollowsAFreezeAndACutover(UnitSandbox sandbox) throws Exception {
        ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();
        List<UnitJobRunner> runners = new ArrayList<>();
        JobSpec job = new JobSpec("buyer-stats", JobMode.UNIT, Duration.ofMillis(50));
        Map<Long, Map<String, List<SlotRange>>> expected = Map.of(
                1L, Map.of("center", List.of(SlotRange.of(0, 4999)), "unit-b", List.of(SlotRange.of(5000, 9999))),
                2L, Map.of("center", List.of(SlotRange.of(0, 4999)), "unit-b", List.of(SlotRange.of(5000, 6999), SlotRange.of(8000, 9999))),
                3L, Map.of("center", List.of(SlotRange.of(0, 4999), SlotRange.of(7000, 7999)),
                        "unit-b", List.of(SlotRange.of(5000, 6999), SlotRange.of(8000, 9999))));
        try (SandboxUnits units = new SandboxUnits(sandbox, "unit")) {
            List<UnitJobScheduler> schedulers = instances(units, job, runs, runners, Duration.ofMillis(300));
            try {
                awaitRunsAt(runs, 1);
                units.publish(Rules.frozen(2).rules()); // the cutover's freeze of 7000-7999
                units.awaitApplied(2);
                awaitRunsAt(runs, 2);
                units.publish(Rules.moved(3).rules()); // the switch: 7000-7999 now in the center, freeze lifted
                units.awaitApplied(3);
                awaitRunsAt(runs, 3);
            } finally {
                schedulers.forEach(UnitJobScheduler::close);
            }
            for (Run r : runs) {
                assertThat(r.context().ranges()).as("%s under rules v%d", r.unit(), r.context().rulesVersion())
                        .isEqualTo(expected.get(r.context().rulesVersion()).get(r.unit()));
            }
            assertThat(runs).filteredOn(r -> r.context().rulesVersion() == 2 && r.unit().equals("unit-b"))
                    .allSatisfy(r -> assertThat(r.context().frozenSkipped()).containsExactly(SlotRange.of(7000, 7999)));
            for (String unit : List.of("center", "unit-b")) {
                Set<java.time.Instant> fires = new HashSet<>();
                assertThat(runs).filteredOn(r -> r.unit().equals(unit))
                        .allSatisfy(r -> assertThat(fires.add(r.context().fireTime())).as("%s ran fire %s once", unit, r.context().fireTime()).isTrue());
            }
        }
    }

    private static void awaitRunsAt(ConcurrentLinkedQueue<Run> runs, long version) throws InterruptedException {
        SandboxUnits.await(Duration.ofSeconds(60), "a run in each unit under rules v" + version, () ->
                runs.stream().anyMatch(r -> r.unit().equals("center") && r.context().rulesVersion() == version)
                        && runs.stream().anyMatch(r -> r.unit().equals("unit-b") && r.context().rulesVersion() == version));
    }
}
