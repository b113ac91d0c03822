package io.unitize.jobs.it;

import io.unitize.core.RulesSnapshot;
import io.unitize.jobs.Rules;
import io.unitize.jobs.jdbc.JdbcTimeoutStore;
import io.unitize.jobs.timeout.FiredTimeout;
import io.unitize.jobs.timeout.TimeoutCallbacks;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutFirer;
import io.unitize.jobs.timeout.TimeoutTask;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeout center on the sandbox: two firers per unit, each on its own pool onto its unit's MariaDB
 * (the units replicate both ways); tasks registered in unit-b; rules pushed through both units' Nacos
 * as the control center's cutover does (freeze, then routes switched with the freeze lifted).
 */
@SandboxServers({ServerKind.MARIADB, ServerKind.NACOS})
class TimeoutCenterIT {

    record Call(String unit, String key, long buyer) {
    }

    private static final TimeoutFirer.Settings SETTINGS =
            new TimeoutFirer.Settings(Duration.ofMillis(100), 100, 2, Duration.ofSeconds(30), Duration.ofSeconds(5));

    private static List<TimeoutFirer> firers(SandboxUnits units, ConcurrentLinkedQueue<Call> calls) {
        List<TimeoutFirer> out = new ArrayList<>();
        for (String unit : List.of("center", "unit-b")) {
            for (int i = 1; i <= 2; i++) {
                TimeoutCallbacks callbacks = TimeoutCallbacks.of("cancel-unpaid", (FiredTimeout f) ->
                        calls.add(new Call(f.unit(), f.task().key(), f.task().buyerId())));
                out.add(new TimeoutFirer(unit, unit + "#" + i, units.rules(unit)::snapshot, new JdbcTimeoutStore(units.pool(unit, 3)),
                        callbacks, SETTINGS).start());
            }
        }
        return out;
    }

    private static TimeoutCenter center(SandboxUnits units, String unit) {
        return new TimeoutCenter(unit, units.rules(unit)::snapshot, new JdbcTimeoutStore(units.pool(unit, 2)),
                TimeoutCallbacks.of("cancel-unpaid", f -> { }));
    }

    /** Every firer polled {@code more} more times than it had when called: whatever they would fire, they had the chance. */
    private static void awaitMorePolls(List<TimeoutFirer> firers, int more) throws InterruptedException {
        Map<TimeoutFirer, Long> at = firers.stream().collect(Collectors.toMap(Function.identity(), TimeoutFirer::pollCount));
        SandboxUnits.await(Duration.ofSeconds(60), more + " more polls of every firer",
                () -> firers.stream().allMatch(f -> f.pollCount() >= at.get(f) + more));
    }

    @Test
    void tasksRegisteredBeforeACutoverOfTheirBuyersFireOnceInTheNewHomeUnit(UnitSandbox sandbox) throws Exception {
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        try (SandboxUnits units = new SandboxUnits(sandbox, "cutover")) {
            List<TimeoutFirer> firers = firers(units, calls);
            try {
                TimeoutCenter b = center(units, "unit-b");
                Instant due = Instant.now().plusSeconds(20);
                List<Long> moving = new ArrayList<>();
                List<Long> staying = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    moving.add(7000L + i + 10_000L * i);      // slots 7000-7049: they move to the center
                    staying.add(8000L + i + 10_000L * i);     // slots 8000-8049: they stay in unit-b
                }
                for (long buyer : moving) {
                    b.register(new TimeoutTask(buyer, "order-" + buyer + "-unpaid", "cancel-unpaid", due, "o" + buyer));
                }
                for (long buyer : staying) {
                    b.register(new TimeoutTask(buyer, "order-" + buyer + "-unpaid", "cancel-unpaid", due, "o" + buyer));
                }
                // the cutover: freeze 7000-7999 everywhere ...
                units.publish(Rules.frozen(2).rules());
                units.awaitApplied(2);
                assertThat(Instant.now()).as("the freeze is in force before the tasks are due (else this run proves nothing)").isBefore(due);
                // ... the rows are in the target unit (replicated) ...
                SandboxUnits.await(Duration.ofSeconds(60), "the 100 tasks replicated to the center",
                        () -> units.count("center", "state = 'PENDING'") == 100);
                // ... switch the routes, lift the freeze
                RulesSnapshot moved = Rules.moved(3);
                units.publish(moved.rules());
                units.awaitApplied(3);

                SandboxUnits.await(Duration.ofSeconds(90), "100 tasks fired", () -> calls.size() >= 100);
                SandboxUnits.await(Duration.ofSeconds(60), "FIRED replicated both ways",
                        () -> units.count("center", "state = 'FIRED'") == 100 && units.count("unit-b", "state = 'FIRED'") == 100);
                awaitMorePolls(firers, 5);

                Map<String, List<Call>> byKey = calls.stream().collect(Collectors.groupingBy(Call::key));
                assertThat(byKey).hasSize(100);
                assertThat(byKey.values()).allSatisfy(c -> assertThat(c).as("fired once").hasSize(1));
                for (Call c : calls) {
                    String home = moved.unitOf(c.buyer()).code();
                    assertThat(c.unit()).as("task %s fired in its home unit under the rules in force", c.key()).isEqualTo(home);
                }
                assertThat(calls).filteredOn(c -> moving.contains(c.buyer())).hasSize(50).allSatisfy(c -> assertThat(c.unit()).isEqualTo("center"));
                for (String unit : List.of("center", "unit-b")) {
                    assertThat(units.count(unit, "fired_unit = 'center' AND MOD(buyer_id, 10000) BETWEEN 7000 AND 7999")).isEqualTo(50);
                    assertThat(units.count(unit, "fired_unit = 'unit-b' AND MOD(buyer_id, 10000) BETWEEN 8000 AND 8999")).isEqualTo(50);
                    assertThat(units.count(unit, "attempts <> 1")).as("claimed once, in one unit").isZero();
                }
            } finally {
                firers.forEach(TimeoutFirer::close);
            }
        }
    }

    @Test
    void aFrozenBuyersTaskWaitsForTheFreezeToLift(UnitSandbox sandbox) throws Exception {
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        try (SandboxUnits units = new SandboxUnits(sandbox, "freeze")) {
            List<TimeoutFirer> firers = firers(units, calls);
            try {
                TimeoutCenter b = center(units, "unit-b");
                Instant due = Instant.now().plusSeconds(8);
                b.register(new TimeoutTask(7050, "frozen-task", "cancel-unpaid", due, ""));
                b.register(new TimeoutTask(8050, "control-task", "cancel-unpaid", due, "")); // same due time, not frozen
                units.publish(Rules.frozen(2).rules());
                units.awaitApplied(2);
                assertThat(Instant.now()).as("the freeze is in force before the task is due (else this run proves nothing)").isBefore(due);

                SandboxUnits.await(Duration.ofSeconds(60), "the control task fired", () -> calls.stream().anyMatch(c -> c.key().equals("control-task")));
                awaitMorePolls(firers, 5);
                assertThat(calls).extracting(Call::key).as("the frozen buyer's task waits").doesNotContain("frozen-task");
                assertThat(b.find(7050, "frozen-task").orElseThrow().state()).isEqualTo(io.unitize.jobs.timeout.TimeoutState.PENDING);

                units.publish(Rules.split(3).rules()); // the freeze lifts (a rolled-back cutover: routes unchanged)
                units.awaitApplied(3);
                SandboxUnits.await(Duration.ofSeconds(60), "the frozen task fired after the freeze lifted",
                        () -> calls.stream().anyMatch(c -> c.key().equals("frozen-task")));
                awaitMorePolls(firers, 5);
                assertThat(calls).filteredOn(c -> c.key().equals("frozen-task")).singleElement()
                        .satisfies(c -> assertThat(c.unit()).isEqualTo("unit-b"));
            } finally {
                firers.forEach(TimeoutFirer::close);
            }
        }
    }
}
