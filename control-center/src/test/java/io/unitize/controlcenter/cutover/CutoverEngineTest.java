package io.unitize.controlcenter.cutover;

import io.unitize.core.ReplayRequest;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.AgentStatus;
import io.unitize.core.nacos.RulesPublishException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's state machine over in-memory ports: agents that apply what is published (or not),
 * a replication that carries markers (or not), and a store that survives an engine's "restart".
 * The integration against real servers is CutoverIT.
 */
class CutoverEngineTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private final Ledger ledger = new Ledger();
    private final Units units = new Units();
    private final Markers markers = new Markers();
    private final List<ReplayRequest> replays = new CopyOnWriteArrayList<>();
    private final Repo repo = new Repo();
    private final List<CutoverEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(CutoverEngine::close);
    }

    private CutoverEngine engine(CutoverObserver... observers) {
        RulesAuthority authority = new RulesAuthority(ledger, units, Clock.systemUTC());
        CutoverEngine e = new CutoverEngine(authority, units, List.of(markers), replays::add, repo,
                new CutoverSettings(SHORT, SHORT, SHORT, SHORT, SHORT, Duration.ofMillis(5), Duration.ofSeconds(5)),
                SyncMode.MARKER, List.of(observers), Clock.systemUTC());
        engines.add(e);
        return e;
    }

    private CutoverEngine engine(CutoverSettings settings, Clock clock) {
        CutoverEngine e = new CutoverEngine(new RulesAuthority(ledger, units, clock), units, List.of(markers), replays::add, repo,
                settings, SyncMode.MARKER, List.of(), clock);
        engines.add(e);
        return e;
    }

    private void bootstrap() {
        ledger.append(PlanResolverTest.RULES.toBuilder().version(1).build(), RulesLedger.Purpose.EDIT, null);
    }

    static Cutover awaitFinished(CutoverEngine engine, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Cutover c = engine.find(id).orElseThrow();
            if (c.status().finished()) {
                return c;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("cutover " + id + " did not finish: " + engine.find(id).map(Cutover::step));
    }

    @Test
    void aConfirmedCutoverRunsEveryStepInOrder() throws Exception {
        bootstrap();
        CutoverEngine engine = engine();
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());

        assertThat(c.status()).isEqualTo(CutoverStatus.DONE);
        assertThat(c.steps()).extracting(StepRecord::step).containsExactly(CutoverStep.FREEZE, CutoverStep.CONFIRM_FREEZE,
                CutoverStep.MARK, CutoverStep.CONFIRM_SYNC, CutoverStep.SWITCH, CutoverStep.REPLAY);
        assertThat(units.published).extracting(UnitRules::version).containsExactly(2L, 3L);
        assertThat(units.published.get(0).freezes()).containsExactly(SlotRange.of(3500, 3999));
        assertThat(units.published.get(1).freezes()).isEmpty();
        assertThat(units.published.get(1).routes()).contains(SlotRoute.of(3500, 6999, "unit-b"));
        assertThat(markers.written).containsExactly(c.id() + "@center");
        assertThat(replays).singleElement().satisfies(r -> {
            assertThat(r.targetUnit()).isEqualTo("unit-b");
            assertThat(r.ranges()).containsExactly(SlotRange.of(3500, 3999));
            assertThat(r.freezeEffectiveAt()).isEqualTo(c.freezeEffectiveAt());
        });
        assertThat(c.freezeWindowMillis()).isNotNull();
    }

    @Test
    void anAgentBehindPastTheBoundRollsBackAndNamesIt() throws Exception {
        bootstrap();
        units.stuck.put("unit-b", 1L);
        CutoverEngine engine = engine();
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());

        assertThat(c.status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        assertThat(c.failure()).startsWith("CONFIRM_FREEZE").contains("agent agent-unit-b").contains("has applied version 1");
        assertThat(ledger.latest().orElseThrow().freezes()).isEmpty();
        assertThat(ledger.latest().orElseThrow().routes()).isEqualTo(PlanResolverTest.RULES.routes());
        assertThat(units.published).extracting(UnitRules::version).containsExactly(2L, 3L);
        assertThat(markers.written).as("nothing after the failed step").isEmpty();
    }

    @Test
    void aMarkerThatNeverArrivesRollsBack() throws Exception {
        bootstrap();
        markers.replicating = false;
        CutoverEngine engine = engine();
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());
        assertThat(c.status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        assertThat(c.failure()).startsWith("CONFIRM_SYNC").contains("not seen in unit unit-b");
        assertThat(ledger.latest().orElseThrow().freezes()).isEmpty();
    }

    @Test
    void aFailoverThatAcceptsLossSkipsTheLostUnitsAcksMarkerAndPublishFailure() throws Exception {
        bootstrap();
        units.down.add("unit-c");
        units.stuck.put("unit-c", 1L);
        markers.replicating = false;
        CutoverEngine engine = engine();
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.failover("unit-c", "center", true, "lost"), "alice").id());
        assertThat(c.status()).as(String.valueOf(c.failure())).isEqualTo(CutoverStatus.DONE);
        assertThat(c.dataLossAccepted()).isTrue();
        assertThat(c.steps()).filteredOn(s -> s.step() == CutoverStep.CONFIRM_SYNC).singleElement()
                .satisfies(s -> assertThat(s.outcome()).isEqualTo(StepOutcome.SKIPPED));
        assertThat(ledger.latest().orElseThrow().routes()).contains(SlotRoute.of(7000, 9999, "center"));
    }

    @Test
    void aTargetUnitWithoutANameServerEndsTheReplayStepAtOnceWithAWarningInsteadOfWaitingOutTheReplayTimeout() throws Exception {
        bootstrap();
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        ReplayRequests noNameServer = r -> {
            tries.incrementAndGet();
            throw new io.unitize.core.MissingUnitEndpointException(r.targetUnit(), "rocketmq", "RocketMQ name server", "a replay request");
        };
        Duration replayTimeout = Duration.ofMinutes(5); // a retried refusal would keep the cutover past awaitFinished's bound
        CutoverEngine engine = new CutoverEngine(new RulesAuthority(ledger, units, Clock.systemUTC()), units, List.of(markers),
                noNameServer, repo, new CutoverSettings(SHORT, SHORT, SHORT, SHORT, replayTimeout, Duration.ofMillis(5),
                Duration.ofSeconds(5)), SyncMode.MARKER, List.of(), Clock.systemUTC());
        engines.add(engine);
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());

        assertThat(c.status()).isEqualTo(CutoverStatus.DONE);
        assertThat(tries).as("a missing endpoint is not retried").hasValue(1);
        StepRecord replay = c.steps().get(c.steps().size() - 1);
        assertThat(replay.step()).isEqualTo(CutoverStep.REPLAY);
        assertThat(replay.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(replay.detail()).startsWith("replay request not sent to unit unit-b: UNITIZE-RULE-090 unit unit-b has no RocketMQ name server")
                .contains("POST /api/v1/cutovers/" + c.id() + "/replay");
        assertThat(c.warnings()).singleElement().asString().startsWith("REPLAY: replay request not sent to unit unit-b");
    }

    @Test
    void aSecondCutoverOfOverlappingSlotsIsRefusedWhileTheFirstRuns() throws Exception {
        bootstrap();
        markers.replicating = false;
        CutoverEngine engine = new CutoverEngine(new RulesAuthority(ledger, units, Clock.systemUTC()), units, List.of(markers),
                replays::add, repo, new CutoverSettings(SHORT, SHORT, Duration.ofSeconds(5), SHORT, SHORT, Duration.ofMillis(5),
                Duration.ofSeconds(5)), SyncMode.MARKER, List.of(), Clock.systemUTC());
        engines.add(engine);
        Cutover first = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "first"), "alice");
        assertThatThrownBy(() -> engine.start(CutoverPlan.moveSlots(3900, 4100, "unit-c", "second"), "bob"))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining(first.id())
                .hasMessageContaining("one cutover at a time per slot range");
        Cutover disjoint = engine.start(CutoverPlan.moveSlots(100, 199, "unit-c", "third"), "bob");
        markers.replicating = true;
        assertThat(awaitFinished(engine, first.id()).status()).isEqualTo(CutoverStatus.DONE);
        assertThat(awaitFinished(engine, disjoint.id()).status()).isEqualTo(CutoverStatus.DONE);
        UnitRules end = ledger.latest().orElseThrow();
        assertThat(end.freezes()).isEmpty();
        assertThat(end.routes()).contains(SlotRoute.of(100, 199, "unit-c"), SlotRoute.of(3500, 6999, "unit-b"));
    }

    @Test
    void anOperatorCanStopACutoverBeforeTheSwitchButNotAfter() throws Exception {
        bootstrap();
        markers.replicating = false;
        CutoverEngine engine = new CutoverEngine(new RulesAuthority(ledger, units, Clock.systemUTC()), units, List.of(markers),
                replays::add, repo, new CutoverSettings(SHORT, SHORT, Duration.ofSeconds(30), SHORT, SHORT, Duration.ofMillis(5),
                Duration.ofSeconds(5)), SyncMode.MARKER, List.of(), Clock.systemUTC());
        engines.add(engine);
        String id = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.find(id).orElseThrow().step() != CutoverStep.CONFIRM_SYNC && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        engine.abort(id, "bob");
        Cutover c = awaitFinished(engine, id);
        assertThat(c.status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        assertThat(c.failure()).isEqualTo("CONFIRM_SYNC: rolled back on request of operator bob");
        assertThat(ledger.latest().orElseThrow().freezes()).isEmpty();
        assertThatThrownBy(() -> engine.abort(id, "bob")).isInstanceOf(CutoverConflictException.class)
                .hasMessageContaining("cannot be rolled back now: it is ROLLED_BACK");

        markers.replicating = true;
        String done = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "again"), "alice").id();
        awaitFinished(engine, done);
        assertThatThrownBy(() -> engine.abort(done, "bob")).isInstanceOf(CutoverConflictException.class)
                .hasMessageContaining("only before SWITCH");
    }

    @Test
    void aRestartAfterEachStepEndsInTheSameConsistentState() throws Exception {
        for (CutoverStep stopAfter : List.of(CutoverStep.FREEZE, CutoverStep.CONFIRM_FREEZE, CutoverStep.MARK,
                CutoverStep.CONFIRM_SYNC, CutoverStep.SWITCH, CutoverStep.REPLAY)) {
            Ledger freshLedger = new Ledger();
            CutoverEngineTest t = new CutoverEngineTest();
            t.ledger.append(PlanResolverTest.RULES.toBuilder().version(1).build(), RulesLedger.Purpose.EDIT, null);
            StopAfter stop = new StopAfter(stopAfter);
            CutoverEngine first = t.engine(stop);
            String id = first.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
            stop.stopped.await();
            first.close(); // the engine thread is parked in the observer: interrupted, nothing more saved
            Cutover saved = t.repo.find(id).orElseThrow();
            CutoverEngine second = t.engine();
            second.resumeUnfinished();
            Cutover end = t.awaitFinished(second, id);
            assertThat(end.status()).as("stopped after " + stopAfter + ", saved at " + saved.step()).isEqualTo(CutoverStatus.DONE);
            UnitRules latest = t.ledger.latest().orElseThrow();
            assertThat(latest.version()).isEqualTo(3);
            assertThat(latest.freezes()).isEmpty();
            assertThat(t.units.published.get(t.units.published.size() - 1)).isEqualTo(latest);
            assertThat(t.replays).extracting(ReplayRequest::cutoverId).contains(id);
            t.close();
            assertThat(freshLedger.rows).isEmpty();
        }
    }

    @Test
    void aSwitchThatCanNeverBeStoredRollsBackWhenTheFreezeTimeoutPassesNotBefore() throws Exception {
        bootstrap();
        ledger.refused = RulesLedger.Purpose.SWITCH;
        OffsetClock clock = new OffsetClock();
        Duration freezeTimeout = Duration.ofHours(1);
        CutoverEngine engine = engine(new CutoverSettings(SHORT, SHORT, SHORT, SHORT, SHORT, Duration.ofMillis(5),
                Duration.ofSeconds(5), freezeTimeout), clock);
        String id = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
        awaitStep(engine, id, CutoverStep.SWITCH);
        clock.advance(Duration.ofMinutes(1)); // well past every step bound: only the freeze timeout may end it
        int refusedBefore = ledger.refusals.get();
        awaitCondition(() -> ledger.refusals.get() >= refusedBefore + 2, "the switch retried after every step bound passed");
        Cutover retrying = engine.find(id).orElseThrow();
        assertThat(retrying.status()).as("still retrying within the freeze timeout").isEqualTo(CutoverStatus.RUNNING);
        assertThat(ledger.latest().orElseThrow().freezes()).containsExactly(SlotRange.of(3500, 3999));

        clock.advance(freezeTimeout);
        Cutover c = awaitFinished(engine, id);
        assertThat(c.status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        assertThat(c.failedStep()).isEqualTo(CutoverStep.SWITCH);
        assertThat(c.failure()).startsWith("SWITCH: cannot complete within freeze-timeout 3600s")
                .contains("CONSTRAINT no_SWITCH failed");
        UnitRules latest = ledger.latest().orElseThrow();
        assertThat(latest.freezes()).isEmpty();
        assertThat(latest.routes()).isEqualTo(PlanResolverTest.RULES.routes());
        assertThat(units.published.get(units.published.size() - 1)).isEqualTo(latest);
        assertThat(c.steps()).extracting(StepRecord::step).containsExactly(CutoverStep.FREEZE, CutoverStep.CONFIRM_FREEZE,
                CutoverStep.MARK, CutoverStep.CONFIRM_SYNC, CutoverStep.SWITCH, CutoverStep.ROLLBACK);
        assertThat(replays).isEmpty();
    }

    @Test
    void theFreezeTimeoutEndsAStepWhoseOwnBoundIsLonger() throws Exception {
        bootstrap();
        markers.replicating = false;
        OffsetClock clock = new OffsetClock();
        CutoverEngine engine = engine(new CutoverSettings(SHORT, SHORT, Duration.ofHours(2), SHORT, SHORT, Duration.ofMillis(5),
                Duration.ofSeconds(5), Duration.ofHours(1)), clock);
        String id = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
        awaitStep(engine, id, CutoverStep.CONFIRM_SYNC);
        // the step is stored as current before it runs; advanced before its deadline is set, the clock would
        // end it as "freeze-timeout passed before the step could run" instead of inside the step
        awaitCondition(() -> markers.checks.get() > 0, "CONFIRM_SYNC is polling");
        clock.advance(Duration.ofMinutes(61));
        Cutover c = awaitFinished(engine, id);
        assertThat(c.status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        assertThat(c.failure()).startsWith("CONFIRM_SYNC").contains("within freeze-timeout 3600s");
        assertThat(ledger.latest().orElseThrow().freezes()).isEmpty();
    }

    @Test
    void everyIssuedVersionsReasonFitsTheStoreWhateverTheNumberOfRangesAndTheLongestPlanReason() throws Exception {
        bootstrap();
        List<SlotRoute> table = new ArrayList<>();
        for (int s = 0; s < 10_000; s++) {
            table.add(SlotRoute.of(s, s, s >= 3000 && s < 3400 && s % 2 == 0 ? "unit-b" : PlanResolverTest.RULES.compile()
                    .unitOfSlot(s).code()));
        }
        String reason = "r".repeat(CutoverPlan.MAX_REASON_LENGTH);
        // 10,000 ranges take a while to compile on a busy machine: nothing here is about a timeout
        Duration roomy = Duration.ofSeconds(60);
        CutoverEngine engine = engine(new CutoverSettings(roomy, roomy, roomy, roomy, roomy, Duration.ofMillis(5), Duration.ofSeconds(5),
                Duration.ofMinutes(5)), Clock.systemUTC());
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.targetRoutes(table, reason), "alice").id());
        assertThat(c.status()).as(String.valueOf(c.failure())).isEqualTo(CutoverStatus.DONE);
        assertThat(c.moves()).hasSize(200);
        for (Object[] row : ledger.rows) {
            assertThat(((UnitRules) row[0]).reason()).hasSizeLessThanOrEqualTo(RulesLedger.MAX_REASON_LENGTH);
        }
        assertThat(ledger.latest().orElseThrow().reason()).contains("and 192 more ranges").endsWith(reason);
    }

    @Test
    void aPlanTouchingSlotsOfARunningCutoverIsRefusedNamingIt() throws Exception {
        bootstrap();
        markers.replicating = false;
        CutoverEngine engine = engine(new CutoverSettings(SHORT, SHORT, Duration.ofSeconds(30), SHORT, SHORT, Duration.ofMillis(5),
                Duration.ofSeconds(5)), Clock.systemUTC());
        Cutover first = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "first"), "alice");
        // keeps the moving slots with their owner today (center), moves others: it names them all the same
        List<SlotRoute> keepsThemInCenter = List.of(SlotRoute.of(0, 3999, "center"), SlotRoute.of(4000, 6999, "unit-b"),
                SlotRoute.of(7000, 7099, "unit-b"), SlotRoute.of(7100, 9999, "unit-c"));
        assertThatThrownBy(() -> engine.start(CutoverPlan.targetRoutes(keepsThemInCenter, "second"), "bob"))
                .isInstanceOfSatisfying(CutoverConflictException.class, e -> assertThat(e.conflictingCutover()).isEqualTo(first.id()))
                .hasMessageContaining("TARGET_ROUTES").hasMessageContaining("3500-3999").hasMessageContaining(first.id());
        assertThatThrownBy(() -> engine.dryRun(CutoverPlan.targetRoutes(keepsThemInCenter, "second")))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining(first.id());
        // names 3800-3999 (where it would move nothing today) and moves 4000-4100
        assertThatThrownBy(() -> engine.start(CutoverPlan.moveSlots(3800, 4100, "center", "third"), "bob"))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining("3800-4100").hasMessageContaining(first.id());
        // fails over the unit the slots are moving to
        assertThatThrownBy(() -> engine.start(CutoverPlan.failover("unit-b", "unit-c", true, "fourth"), "bob"))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining("unit unit-b").hasMessageContaining(first.id());
        engine.abort(first.id(), "alice");
        assertThat(awaitFinished(engine, first.id()).status()).isEqualTo(CutoverStatus.ROLLED_BACK);
        markers.replicating = true;
        Cutover after = awaitFinished(engine, engine.start(CutoverPlan.targetRoutes(keepsThemInCenter, "second"), "bob").id());
        assertThat(after.status()).isEqualTo(CutoverStatus.DONE);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitStep(CutoverEngine engine, String id, CutoverStep step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.find(id).orElseThrow().step() != step) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cutover " + id + " did not reach " + step + ": " + engine.find(id).map(Cutover::failure));
            }
            Thread.sleep(5);
        }
    }

    // --- fakes ---

    /** The system clock moved forward on demand, to pass a long bound without waiting for it. */
    static final class OffsetClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }
    }

    /** Parks the engine thread after a step, as if the process had died there. */
    static final class StopAfter implements CutoverObserver {
        final CutoverStep step;
        final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

        StopAfter(CutoverStep step) {
            this.step = step;
        }

        @Override
        public void stepFinished(Cutover cutover, StepRecord record) {
            if (record.step() == step) {
                stopped.countDown();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new Halted();
                }
            }
        }
    }

    static final class Halted extends RuntimeException {
    }

    static final class Ledger implements RulesLedger {
        final List<Object[]> rows = new CopyOnWriteArrayList<>();
        /** Versions of this purpose are refused, as a store refuses a row it can never hold. */
        volatile Purpose refused;
        final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public synchronized Optional<UnitRules> latest() {
            return rows.isEmpty() ? Optional.empty() : Optional.of((UnitRules) rows.get(rows.size() - 1)[0]);
        }

        @Override
        public synchronized void append(UnitRules rules, Purpose purpose, String cutoverId) {
            if (purpose == refused) {
                refusals.incrementAndGet();
                throw new IllegalStateException("the store refuses this row: CONSTRAINT no_" + purpose + " failed");
            }
            long latest = latest().map(UnitRules::version).orElse(rules.version() - 1);
            if (rules.version() != latest + 1) {
                throw new StaleRulesException(rules.version(), latest, "");
            }
            rows.add(new Object[]{rules, purpose, cutoverId});
        }

        @Override
        public Optional<Long> versionFor(String cutoverId, Purpose purpose) {
            return rows.stream().filter(r -> cutoverId.equals(r[2]) && r[1] == purpose)
                    .map(r -> ((UnitRules) r[0]).version()).reduce((a, b) -> b);
        }
    }

    /** Three units whose agents apply what is published, unless stuck at a version or their Nacos is down. */
    static final class Units implements RulesBroadcast, AgentAcks {
        final List<UnitRules> published = new CopyOnWriteArrayList<>();
        final Map<String, Long> stuck = new ConcurrentHashMap<>();
        final Set<String> down = ConcurrentHashMap.newKeySet();
        volatile long inForce = 1;

        @Override
        public synchronized void publish(UnitRules rules, Set<String> mayFail) {
            if (!down.isEmpty() && !mayFail.containsAll(down)) {
                throw new RulesPublishException(rules.version(), List.of(), Map.of(down.iterator().next(), "down"));
            }
            if (published.isEmpty() || !published.get(published.size() - 1).equals(rules)) {
                published.add(rules);
            }
            inForce = rules.version();
        }

        @Override
        public Set<String> units() {
            return Set.of("center", "unit-b", "unit-c");
        }

        @Override
        public List<AgentStatus> liveAgents(String unit) {
            long v = stuck.getOrDefault(unit, inForce);
            return List.of(new AgentStatus("agent-" + unit, "test", unit, v, "127.0.0.1", 1));
        }
    }

    static final class Markers implements SyncConfirmation {
        final Set<String> written = ConcurrentHashMap.newKeySet();
        volatile boolean replicating = true;
        /** How often CONFIRM_SYNC has asked: once it has, the step is running with its deadline set. */
        final java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public SyncMode mode() {
            return SyncMode.MARKER;
        }

        @Override
        public String mark(String markerId, String sourceUnit) {
            written.add(markerId);
            return markerId;
        }

        @Override
        public boolean arrived(String token, String sourceUnit, String targetUnit) {
            checks.incrementAndGet();
            return replicating && written.contains(token);
        }
    }

    /** Keeps cutovers as their stored JSON would: each find returns a copy. */
    static final class Repo implements CutoverRepository {
        final Map<String, Cutover> byId = new ConcurrentHashMap<>();

        @Override
        public void save(Cutover c) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Halted(); // a stopped process saves nothing more
            }
            byId.put(c.id(), copy(c));
        }

        @Override
        public Optional<Cutover> find(String id) {
            return Optional.ofNullable(byId.get(id)).map(Repo::copy);
        }

        @Override
        public List<Cutover> unfinished() {
            return byId.values().stream().filter(c -> !c.status().finished()).map(Repo::copy).toList();
        }

        @Override
        public List<Cutover> replaysPending() {
            return byId.values().stream().filter(c -> !c.replaysPending().isEmpty()).map(Repo::copy).toList();
        }

        @Override
        public List<Cutover> recent(int limit) {
            return byId.values().stream().map(Repo::copy).limit(limit).toList();
        }

        static Cutover copy(Cutover c) {
            return CutoverCopies.copy(c);
        }
    }

}
