package io.unitize.controlcenter.cutover;

import io.unitize.controlcenter.grey.Gate;
import io.unitize.controlcenter.grey.GateContext;
import io.unitize.controlcenter.grey.GateKind;
import io.unitize.controlcenter.grey.GateOutcome;
import io.unitize.controlcenter.grey.GateSettings;
import io.unitize.controlcenter.grey.GreyPlan;
import io.unitize.controlcenter.grey.GreyPlanRequest;
import io.unitize.controlcenter.grey.GreyPlans;
import io.unitize.controlcenter.grey.GreySettings;
import io.unitize.controlcenter.grey.GreyStatus;
import io.unitize.controlcenter.grey.Wave;
import io.unitize.controlcenter.grey.WaveStatus;
import io.unitize.controlcenter.store.JdbcCutoverRepository;
import io.unitize.controlcenter.store.JdbcGreyPlanRepository;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Grey cutovers on the real engine and steps (in-memory agents, markers and ledger of
 * {@link CutoverEngineTest}) and the real JDBC store (H2 with the Flyway migrations): waves, a
 * failing gate rolling back that wave only, the operator's approval and abort, refusals, and a
 * plan resumed by a new engine after the old one stopped between waves. The sandbox run is GreyCutoverIT.
 */
class GreyPlansTest {

    private static final Duration BOUND = Duration.ofSeconds(10); // generous: a busy machine
    private static final GateSettings CHECK_ONLY = new GateSettings(true, null, 0, false);

    private final CutoverEngineTest.Ledger ledger = new CutoverEngineTest.Ledger();
    private final CutoverEngineTest.Units units = new CutoverEngineTest.Units();
    private final CutoverEngineTest.Markers markers = new CutoverEngineTest.Markers();
    private final List<AutoCloseable> running = new ArrayList<>();
    private JdbcTemplate jdbc;

    @BeforeEach
    void store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:grey-" + UUID.randomUUID() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        ledger.append(PlanResolverTest.RULES.toBuilder().version(1).build(), RulesLedger.Purpose.EDIT, null);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    /** A control center: engine + grey plans over the shared store; a DATA_CHECK gate that fails for the waves {@code failing} names. */
    private GreyPlans start(Gate dataCheck) {
        RulesAuthority authority = new RulesAuthority(ledger, units, Clock.systemUTC());
        CutoverEngine engine = new CutoverEngine(authority, units, List.of(markers), r -> { }, new JdbcCutoverRepository(jdbc),
                new CutoverSettings(BOUND, BOUND, BOUND, BOUND, BOUND, Duration.ofMillis(5), Duration.ofSeconds(5)),
                SyncMode.MARKER, List.of(), Clock.systemUTC());
        Map<GateKind, Gate> gates = new EnumMap<>(GateKind.class);
        gates.put(GateKind.DATA_CHECK, dataCheck);
        GreyPlans plans = new GreyPlans(engine, authority, new JdbcGreyPlanRepository(jdbc), gates,
                new GreySettings(Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 3), Clock.systemUTC());
        running.add(engine);
        running.add(plans);
        engine.resumeUnfinished();
        plans.resumeUnfinished();
        return plans;
    }

    private static Gate checkFailingAt(IntPredicate failing) {
        return new Gate() {
            @Override
            public GateKind kind() {
                return GateKind.DATA_CHECK;
            }

            @Override
            public Verdict check(GateContext ctx) {
                return failing.test(ctx.wave().index()) ? Verdict.fail("test gate: key 450 (slot 3301) DIFFERENT")
                        : Verdict.pass("test gate: MATCH");
            }
        };
    }

    private static GreyPlanRequest split3(GateSettings gates) {
        return new GreyPlanRequest(3000, 3899, "unit-b", "grey drain", null, 3, gates, null);
    }

    private static GreyPlan await(GreyPlans plans, String id, java.util.function.Predicate<GreyPlan> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            GreyPlan p = plans.find(id).orElseThrow();
            if (done.test(p)) {
                return p;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("grey plan " + id + " did not get there: " + plans.find(id).map(GreyPlan::status)
                + " " + plans.find(id).map(p -> p.waves().stream().map(Wave::status).toList()));
    }

    private String ownerOf(int slot) {
        UnitRules r = ledger.latest().orElseThrow();
        return r.routes().stream().filter(x -> x.range().contains(slot)).map(SlotRoute::unit).findFirst().orElseThrow();
    }

    @Test
    void threeWavesWhoseSecondGateFailsRollBackTheSecondWaveOnly() throws Exception {
        GreyPlans plans = start(checkFailingAt(w -> w == 2));
        GreyPlan created = plans.create(split3(CHECK_ONLY), CHECK_ONLY, "alice");
        assertThat(created.waves()).extracting(Wave::range)
                .containsExactly(SlotRange.of(3000, 3299), SlotRange.of(3300, 3599), SlotRange.of(3600, 3899));

        GreyPlan p = await(plans, created.id(), x -> x.status().finished());
        assertThat(p.status()).isEqualTo(GreyStatus.FAILED);
        assertThat(p.failure()).startsWith("wave 2 (slots 3300-3599): gate DATA_CHECK failed: test gate: key 450");
        List<Wave> w = p.waves();
        assertThat(w).extracting(Wave::status).containsExactly(WaveStatus.PASSED, WaveStatus.ROLLED_BACK, WaveStatus.NOT_RUN);
        assertThat(w.get(0).gates()).singleElement().satisfies(g -> assertThat(g.state()).isEqualTo(GateOutcome.State.PASSED));
        assertThat(w.get(1).gates()).singleElement().satisfies(g -> {
            assertThat(g.state()).isEqualTo(GateOutcome.State.FAILED);
            assertThat(g.detail()).contains("DIFFERENT");
        });
        assertThat(w.get(1).rollbackCutovers()).hasSize(1);
        assertThat(w.get(2).cutoverId()).as("the third wave never ran").isNull();
        assertThat(ownerOf(3000)).isEqualTo("unit-b");
        assertThat(ownerOf(3299)).isEqualTo("unit-b");
        assertThat(ownerOf(3300)).as("the failed wave routes to its source again").isEqualTo("center");
        assertThat(ownerOf(3599)).isEqualTo("center");
        assertThat(ownerOf(3600)).isEqualTo("center");
        assertThat(ledger.latest().orElseThrow().freezes()).isEmpty();
        // history: wave 1 freeze+switch, wave 2 freeze+switch, its move back freeze+switch
        assertThat(ledger.rows).extracting(r -> r[1]).containsExactly(RulesLedger.Purpose.EDIT, RulesLedger.Purpose.FREEZE,
                RulesLedger.Purpose.SWITCH, RulesLedger.Purpose.FREEZE, RulesLedger.Purpose.SWITCH, RulesLedger.Purpose.FREEZE,
                RulesLedger.Purpose.SWITCH);
        assertThat(((UnitRules) ledger.rows.get(6)[0]).reason()).contains("grey " + p.id() + " wave 2/3 rollback 1/1");
    }

    @Test
    void anApprovalGatePausesEachWaveAndAnAbortRollsBackTheWaitingWave() throws Exception {
        GateSettings withApproval = new GateSettings(true, null, 0, true);
        GreyPlans plans = start(checkFailingAt(w -> false));
        String id = plans.create(split3(withApproval), CHECK_ONLY, "alice").id();

        GreyPlan waiting = await(plans, id, x -> x.status() == GreyStatus.AWAITING_APPROVAL);
        assertThat(waiting.waves()).extracting(Wave::status).containsExactly(WaveStatus.AWAITING_APPROVAL, WaveStatus.PENDING,
                WaveStatus.PENDING);
        assertThat(waiting.waves().get(0).gates()).extracting(GateOutcome::gate, GateOutcome::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(GateKind.DATA_CHECK, GateOutcome.State.PASSED),
                org.assertj.core.groups.Tuple.tuple(GateKind.APPROVAL, GateOutcome.State.WAITING));
        plans.approve(id, "bob");
        GreyPlan second = await(plans, id, x -> x.status() == GreyStatus.AWAITING_APPROVAL && x.waves().get(1).status() == WaveStatus.AWAITING_APPROVAL);
        assertThat(second.waves().get(0).gate(GateKind.APPROVAL).detail()).isEqualTo("approved by bob");
        assertThat(ownerOf(3500)).isEqualTo("unit-b");

        plans.abort(id, "carol");
        GreyPlan p = await(plans, id, x -> x.status().finished());
        assertThat(p.status()).isEqualTo(GreyStatus.ABORTED);
        assertThat(p.abortedBy()).isEqualTo("carol");
        assertThat(p.failure()).isEqualTo("wave 2 (slots 3300-3599): gate APPROVAL failed: aborted by carol");
        assertThat(p.waves()).extracting(Wave::status).containsExactly(WaveStatus.PASSED, WaveStatus.ROLLED_BACK, WaveStatus.NOT_RUN);
        assertThat(ownerOf(3299)).isEqualTo("unit-b");
        assertThat(ownerOf(3300)).isEqualTo("center");
        assertThatThrownBy(() -> plans.approve(id, "bob")).isInstanceOf(CutoverConflictException.class).hasMessageContaining("ABORTED");
    }

    @Test
    void wavesThatOverlapLeaveSlotsOutOrAreEmptyAreRefusedNamingTheWaveAndNothingIsStored() {
        GreyPlans plans = start(checkFailingAt(w -> false));
        assertThatThrownBy(() -> plans.create(waves(SlotRange.of(3000, 3099), SlotRange.of(3050, 3899)), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("waves[1]");
                    assertThat(e.errors().get(0).message()).contains("3050-3899 overlap waves[0] (3000-3099)");
                });
        assertThatThrownBy(() -> plans.create(waves(SlotRange.of(3000, 3099), SlotRange.of(3200, 3899)), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("waves[1]");
                    assertThat(e.errors().get(0).message()).contains("slots 3100-3199").contains("in no wave");
                });
        assertThatThrownBy(() -> plans.create(waves(SlotRange.of(3000, 3099)), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).toString())
                        .isEqualTo("waves: slots 3100-3899 of the plan's range 3000-3899 are in no wave: the waves must cover it"));
        assertThatThrownBy(() -> plans.create(waves(SlotRange.of(3000, 3899), SlotRange.of(3899, 3000)), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).toString())
                        .isEqualTo("waves[1]: is empty: from 3899 is after to 3000"));
        assertThatThrownBy(() -> plans.create(waves(), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("waves"));
        assertThatThrownBy(() -> plans.create(new GreyPlanRequest(3000, 3899, "unit-b", "r", null, 0, CHECK_ONLY, null), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("split"));
        // a wave whose slots are on the target already moves nothing
        assertThatThrownBy(() -> plans.create(new GreyPlanRequest(3900, 4099, "unit-b", "r",
                List.of(SlotRange.of(3900, 3999), SlotRange.of(4000, 4099)), null, CHECK_ONLY, null), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("waves[1]"));
        // a gate that is not available here (the heartbeat is off)
        assertThatThrownBy(() -> plans.create(split3(new GateSettings(true, 1500L, 0, false)), CHECK_ONLY, "alice"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("gates.maxLagMillis"));
        assertThat(plans.recent(10)).as("nothing stored").isEmpty();
        assertThat(ledger.rows).as("nothing published").hasSize(1);

        String first = plans.create(new GreyPlanRequest(3000, 3099, "unit-b", "r", null, 1,
                new GateSettings(true, null, 0, true), null), CHECK_ONLY, "alice").id();
        assertThatThrownBy(() -> plans.create(split3(CHECK_ONLY), CHECK_ONLY, "alice"))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining(first);
        plans.abort(first, "alice");
    }

    private static GreyPlanRequest waves(SlotRange... waves) {
        return new GreyPlanRequest(3000, 3899, "unit-b", "grey drain", List.of(waves), null, CHECK_ONLY, null);
    }

    @Test
    void aControlCenterStoppedDuringAWavesGatesResumesThePlanFromTheStore() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        Gate hangsAtWave2 = new Gate() {
            @Override
            public GateKind kind() {
                return GateKind.DATA_CHECK;
            }

            @Override
            public Verdict check(GateContext ctx) throws InterruptedException {
                if (ctx.wave().index() == 2) {
                    parked.countDown();
                    Thread.sleep(Long.MAX_VALUE); // the process dies here
                }
                return Verdict.pass("MATCH");
            }
        };
        GreyPlans before = start(hangsAtWave2);
        String id = before.create(split3(CHECK_ONLY), CHECK_ONLY, "alice").id();
        assertThat(parked.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (AutoCloseable c : running) {
            c.close();
        }
        running.clear();
        GreyPlan stored = before.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(GreyStatus.RUNNING);
        assertThat(stored.waves()).extracting(Wave::status).containsExactly(WaveStatus.PASSED, WaveStatus.GATES, WaveStatus.PENDING);

        GreyPlans after = start(checkFailingAt(w -> false)); // a new control center on the same store
        GreyPlan p = await(after, id, x -> x.status().finished());
        assertThat(p.status()).isEqualTo(GreyStatus.DONE);
        assertThat(p.waves()).extracting(Wave::status).containsExactly(WaveStatus.PASSED, WaveStatus.PASSED, WaveStatus.PASSED);
        assertThat(p.waves().get(1).cutoverId()).as("wave 2 was not moved twice").isEqualTo(stored.waves().get(1).cutoverId());
        assertThat(ownerOf(3000)).isEqualTo("unit-b");
        assertThat(ownerOf(3899)).isEqualTo("unit-b");
        assertThat(ledger.rows).hasSize(7); // EDIT + 3 x (FREEZE, SWITCH)
    }
}
