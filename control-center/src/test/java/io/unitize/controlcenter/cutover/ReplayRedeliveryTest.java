package io.unitize.controlcenter.cutover;

import io.unitize.controlcenter.store.JdbcCutoverRepository;
import io.unitize.controlcenter.store.JdbcRulesLedger;
import io.unitize.core.ReplayRequest;
import io.unitize.core.SlotRange;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.unitize.controlcenter.cutover.CutoverEngineTest.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replay request the REPLAY step could not deliver within its timeout (the target unit's broker
 * down or answering late) is not dropped: the cutover finishes DONE with the unit under
 * {@link Cutover#replaysPending()}, stored in the control center's database, and a later
 * redelivery — the reconcile tick, a restarted control center, or an operator — delivers the very
 * request the step would have, once.
 */
class ReplayRedeliveryTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final CutoverEngineTest.Units units = new CutoverEngineTest.Units();
    private final CutoverEngineTest.Markers markers = new CutoverEngineTest.Markers();
    private final List<CutoverEngine> engines = new ArrayList<>();
    /** unit-b's broker: refuses while down, as the RocketMQ client does when its send times out. */
    private final AtomicBoolean brokerUp = new AtomicBoolean(false);
    private final AtomicInteger tries = new AtomicInteger();
    private final List<ReplayRequest> delivered = new CopyOnWriteArrayList<>();
    /** When set, a send waits for it: the REPLAY step is then running. */
    private volatile CountDownLatch holdSends;
    private final CountDownLatch sending = new CountDownLatch(1);
    private final ReplayRequests broker = r -> {
        tries.incrementAndGet();
        sending.countDown();
        CountDownLatch hold = holdSends;
        if (hold != null) {
            hold.await();
        }
        if (!brokerUp.get()) {
            throw new IOException("RemotingTimeoutException: the broker of " + r.targetUnit() + " did not answer within 3000 ms");
        }
        delivered.add(r);
    };
    private JdbcTemplate jdbc;
    private JdbcRulesLedger ledger;

    @BeforeEach
    void store() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new JdbcTemplate(ds);
        ledger = new JdbcRulesLedger(jdbc);
        ledger.append(PlanResolverTest.RULES.toBuilder().version(1).build(), RulesLedger.Purpose.EDIT, null);
    }

    @AfterEach
    void close() {
        engines.forEach(CutoverEngine::close);
    }

    /** A control center on the shared database; each call is a new process's engine. */
    private CutoverEngine controlCenter() {
        CutoverEngine e = new CutoverEngine(new RulesAuthority(ledger, units, Clock.systemUTC()), units, List.of(markers), broker,
                new JdbcCutoverRepository(jdbc), new CutoverSettings(SHORT, SHORT, SHORT, SHORT, SHORT, Duration.ofMillis(5), MARGIN),
                SyncMode.MARKER, List.of(), Clock.systemUTC());
        engines.add(e);
        return e;
    }

    private Cutover cutoverWhileTheBrokerIsDown(CutoverEngine engine) throws InterruptedException {
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());
        assertThat(c.status()).isEqualTo(CutoverStatus.DONE);
        awaitDriverGone(engine, c.id());
        StepRecord replay = c.steps().get(c.steps().size() - 1);
        assertThat(replay.step()).isEqualTo(CutoverStep.REPLAY);
        assertThat(replay.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(replay.detail()).contains("not delivered to unit unit-b").contains("RemotingTimeoutException")
                .contains("POST /api/v1/cutovers/" + c.id() + "/replay");
        assertThat(c.replaysPending()).containsExactly("unit-b");
        assertThat(delivered).isEmpty();
        return c;
    }

    /**
     * The stored status turns DONE a moment before the driver thread ends; until it has, a tick skips
     * the cutover and an operator is told to ask again (see {@link #anOperatorIsToldToWaitWhileTheDriverIsStillRunning}).
     */
    private static void awaitDriverGone(CutoverEngine engine, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.isDriving(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the driver of cutover " + id + " is still running 10 s after it finished");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aRequestUndeliveredWithinTheStepIsDeliveredByALaterTickAfterARestartTooAndThenNoMore() throws Exception {
        CutoverEngine first = controlCenter();
        Cutover c = cutoverWhileTheBrokerIsDown(first);

        assertThat(first.redeliverReplays()).as("still down: still undelivered").isEqualTo(1);
        assertThat(first.undeliveredReplays()).isEqualTo(1);
        first.close(); // the control center stops before the broker is back

        CutoverEngine restarted = controlCenter();
        brokerUp.set(true);
        assertThat(restarted.redeliverReplays()).isZero();
        assertThat(restarted.undeliveredReplays()).isZero();

        Cutover after = restarted.find(c.id()).orElseThrow();
        assertThat(after.replaysPending()).as("stored as delivered").isEmpty();
        assertThat(after.warnings()).anySatisfy(w -> assertThat(w).startsWith("REPLAY: replay request delivered to unit unit-b at"));
        assertThat(delivered).singleElement().satisfies(r -> {
            assertThat(r.cutoverId()).isEqualTo(c.id());
            assertThat(r.targetUnit()).isEqualTo("unit-b");
            assertThat(r.sourceUnits()).containsExactly("center");
            assertThat(r.ranges()).containsExactly(SlotRange.of(3500, 3999));
            assertThat(r.freezeEffectiveAt()).as("the T the step would have sent").isEqualTo(after.freezeEffectiveAt());
            assertThat(r.replayFrom()).isEqualTo(after.freezeEffectiveAt().minus(MARGIN));
            assertThat(r.rulesVersion()).isEqualTo(after.switchVersion());
        });

        int triesSoFar = tries.get();
        assertThat(restarted.redeliverReplays()).isZero();
        assertThat(tries).as("a delivered request is not sent again").hasValue(triesSoFar);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cutover WHERE replay_pending", Integer.class)).isZero();
    }

    @Test
    void anOperatorsRedeliveryNamesTheUnitThatRefusesAgainAndIsRefusedWhenNothingIsUndelivered() throws Exception {
        CutoverEngine engine = controlCenter();
        Cutover c = cutoverWhileTheBrokerIsDown(engine);

        assertThatThrownBy(() -> engine.redeliverReplay(c.id(), "bob")).isInstanceOfSatisfying(ReplayUndeliveredException.class, e -> {
            assertThat(e.cutoverId()).isEqualTo(c.id());
            assertThat(e.refusedByUnit()).containsOnlyKeys("unit-b");
            assertThat(e.refusedByUnit().get("unit-b")).contains("RemotingTimeoutException");
        });
        assertThat(engine.find(c.id()).orElseThrow().replaysPending()).as("nothing changed").containsExactly("unit-b");

        brokerUp.set(true);
        assertThat(engine.redeliverReplay(c.id(), "bob").replaysPending()).isEmpty();
        assertThat(delivered).hasSize(1);

        assertThatThrownBy(() -> engine.redeliverReplay(c.id(), "bob")).isInstanceOf(CutoverConflictException.class)
                .hasMessageContaining("cutover " + c.id() + " has no undelivered replay request")
                .hasMessageContaining("every target unit has its request");
        assertThat(delivered).as("not sent again").hasSize(1);
    }

    @Test
    void anOperatorIsToldToWaitWhileTheDriverIsStillRunning() throws Exception {
        holdSends = new CountDownLatch(1);
        CutoverEngine engine = controlCenter();
        String id = engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id();
        assertThat(sending.await(10, TimeUnit.SECONDS)).as("the REPLAY step is sending").isTrue();

        assertThatThrownBy(() -> engine.redeliverReplay(id, "bob")).isInstanceOf(CutoverConflictException.class)
                .hasMessageContaining("cutover " + id + " is still being driven")
                .hasMessageContaining("ask again once it has finished");
        assertThat(engine.redeliverReplays()).as("a tick leaves a driven cutover to its driver").isZero();
        assertThat(tries).as("neither sent anything of its own").hasValue(1);

        brokerUp.set(true);
        holdSends.countDown();
        Cutover c = awaitFinished(engine, id);
        awaitDriverGone(engine, id);
        assertThat(c.replaysPending()).isEmpty();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aCutoverWhoseReplayWasDeliveredInTimeHasNothingPending() throws Exception {
        brokerUp.set(true);
        CutoverEngine engine = controlCenter();
        Cutover c = awaitFinished(engine, engine.start(CutoverPlan.moveSlots(3500, 3999, "unit-b", "why"), "alice").id());

        assertThat(c.status()).isEqualTo(CutoverStatus.DONE);
        assertThat(c.replaysPending()).isEmpty();
        assertThat(engine.redeliverReplays()).isZero();
        assertThat(delivered).hasSize(1);
    }
}
