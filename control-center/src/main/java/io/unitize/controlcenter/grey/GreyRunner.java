package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.CutoverStatus;
import io.unitize.core.SlotMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives one grey plan: per wave a cutover through the {@link CutoverEngine} (the same confirmed
 * steps as any cutover), then its gates; a failing gate (or an operator's abort) moves that wave's
 * slots back to their source, each with a cutover of its own, and ends the plan, leaving earlier
 * waves on the target. Saves the plan after every change; resumable from any saved state.
 */
final class GreyRunner {

    private static final Logger log = LoggerFactory.getLogger(GreyRunner.class);

    private final CutoverEngine engine;
    private final GreyPlanRepository repository;
    private final Map<GateKind, Gate> gates;
    private final GreySettings settings;
    private final GreyRequests requests;
    private final Clock clock;

    GreyRunner(CutoverEngine engine, GreyPlanRepository repository, Map<GateKind, Gate> gates, GreySettings settings,
               GreyRequests requests, Clock clock) {
        this.engine = engine;
        this.repository = repository;
        this.gates = Map.copyOf(gates);
        this.settings = settings;
        this.requests = requests;
        this.clock = clock;
    }

    void drive(GreyPlan p) {
        try {
            while (!p.status().finished()) {
                Wave w = p.current();
                if (w == null) {
                    p.end(GreyStatus.DONE, null, clock.instant());
                    log.info("UNITIZE-CC-140 grey plan {} DONE: {} waves switched and passed their gates", p.id(), p.waves().size());
                } else {
                    step(p, w);
                }
                repository.save(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("UNITIZE-CC-141 grey plan {} paused: the control center is stopping; it resumes at the next start", p.id());
        } catch (RuntimeException e) {
            log.error("UNITIZE-CC-142 grey plan {} stopped by an unexpected error. Next: it resumes at the next reconciliation "
                    + "or restart; check the control center's database", p.id(), e);
        }
    }

    private void step(GreyPlan p, Wave w) throws InterruptedException {
        switch (w.status()) {
            case PENDING -> startWave(p, w);
            case CUTOVER -> awaitWave(p, w);
            case GATES -> runGates(p, w);
            case AWAITING_APPROVAL -> awaitApproval(p, w);
            case ROLLING_BACK -> rollBack(p, w);
            default -> p.end(p.endStatus(), null, clock.instant());
        }
    }

    private void startWave(GreyPlan p, Wave w) {
        String abortedBy = requests.abortOf(p.id());
        if (abortedBy != null) {
            p.abortedBy(abortedBy);
            p.end(GreyStatus.ABORTED, "aborted by " + abortedBy + " before wave " + w.index(), clock.instant());
            return;
        }
        Optional<Cutover> earlier = tagged(p.tag(w) + ":");
        if (earlier.isPresent()) { // started just before a restart
            w.cutoverId(earlier.get().id());
            w.status(WaveStatus.CUTOVER);
            return;
        }
        CutoverPlan plan = CutoverPlan.moveSlots(w.range().from(), w.range().to(), p.toUnit(), p.tag(w) + ": " + p.reason())
                .withSyncMode(p.syncMode());
        try {
            Cutover c = engine.start(plan, p.operator());
            w.cutoverId(c.id());
            w.status(WaveStatus.CUTOVER);
            log.info("UNITIZE-CC-143 grey plan {} wave {}/{} (slots {}): cutover {} started", p.id(), w.index(), p.waves().size(),
                    w.range(), c.id());
        } catch (RuntimeException e) {
            w.status(WaveStatus.NOT_RUN);
            w.detail("not started: " + e.getMessage());
            p.end(GreyStatus.FAILED, "wave " + w.index() + " (slots " + w.range() + ") could not start: " + e.getMessage(),
                    clock.instant());
            log.warn("UNITIZE-CC-144 grey plan {} FAILED: wave {} could not start: {}. Next: earlier waves stay switched; "
                    + "plan the rest again", p.id(), w.index(), e.getMessage());
        }
    }

    private void awaitWave(GreyPlan p, Wave w) throws InterruptedException {
        boolean abortSent = false;
        while (true) {
            Cutover c = engine.find(w.cutoverId()).orElseThrow(() -> new IllegalStateException("no cutover " + w.cutoverId()));
            if (c.status() == CutoverStatus.DONE) {
                w.switched(c.moves(), c.finishedAt());
                w.status(WaveStatus.GATES);
                return;
            }
            if (c.status() == CutoverStatus.ROLLED_BACK) {
                w.status(WaveStatus.ROLLED_BACK);
                w.detail("its cutover " + c.id() + " rolled back before the switch (routes unchanged): " + c.failure());
                String who = requests.abortOf(p.id());
                if (who != null) {
                    p.abortedBy(who);
                }
                p.end(who != null ? GreyStatus.ABORTED : GreyStatus.FAILED, "wave " + w.index() + " (slots " + w.range()
                        + "): cutover " + c.id() + " rolled back: " + c.failure(), clock.instant());
                log.warn("UNITIZE-CC-145 grey plan {} {}: wave {} cutover {} rolled back ({}); earlier waves stay switched",
                        p.id(), p.status(), w.index(), c.id(), c.failure());
                return;
            }
            String who = requests.abortOf(p.id());
            if (who != null && !abortSent && c.status() == CutoverStatus.RUNNING && c.step().beforeSwitch()) {
                try {
                    engine.abort(c.id(), who);
                    abortSent = true;
                } catch (RuntimeException e) {
                    log.info("grey plan {}: cutover {} is past its switch ({}); the wave rolls back after it", p.id(), c.id(),
                            e.getMessage());
                    abortSent = true;
                }
            }
            Thread.sleep(settings.poll().toMillis());
        }
    }

    private void runGates(GreyPlan p, Wave w) throws InterruptedException {
        String abortedFirst = requests.abortOf(p.id());
        if (abortedFirst != null) {
            stop(p, w, p.gateSettings().gates().isEmpty() ? GateKind.APPROVAL : p.gateSettings().gates().get(0),
                    "aborted by " + abortedFirst, abortedFirst);
            return;
        }
        for (GateKind kind : p.gateSettings().gates()) {
            GateOutcome done = w.gate(kind);
            if (done != null && done.state() == GateOutcome.State.PASSED) {
                continue;
            }
            if (kind == GateKind.APPROVAL) {
                w.putGate(GateOutcome.running(kind, GateOutcome.State.WAITING, "waiting for POST /api/v1/grey-plans/" + p.id()
                        + "/approve (or .../abort to roll this wave back)", clock.instant()));
                w.status(WaveStatus.AWAITING_APPROVAL);
                p.status(GreyStatus.AWAITING_APPROVAL);
                log.info("UNITIZE-CC-146 grey plan {} wave {}/{} passed its gates; waiting for an operator's approval. Next: "
                        + "POST /api/v1/grey-plans/{}/approve or .../abort", p.id(), w.index(), p.waves().size(), p.id());
                return;
            }
            Instant started = clock.instant();
            GateOutcome running = GateOutcome.running(kind, GateOutcome.State.RUNNING, null, started);
            w.putGate(running);
            repository.save(p);
            Gate.Verdict v = gates.get(kind).check(new GateContext(p, w, deadline(kind, p, w, started), clock, settings.poll(),
                    () -> requests.isAborting(p.id())));
            String who = requests.abortOf(p.id());
            if (who != null) {
                v = Gate.Verdict.fail("aborted by " + who + (v.passed() ? "" : " (" + v.detail() + ")"));
            }
            w.putGate(running.finish(v.passed(), v.detail(), clock.instant()));
            if (!v.passed()) {
                stop(p, w, kind, v.detail(), who);
                return;
            }
            repository.save(p);
        }
        pass(p, w);
    }

    private Instant deadline(GateKind kind, GreyPlan p, Wave w, Instant started) {
        return switch (kind) {
            case DATA_CHECK -> started.plus(settings.dataCheckTimeout());
            case REPLICATION_LAG -> started.plus(settings.lagWait());
            case SOAK -> w.switchedAt().plusMillis(p.gateSettings().soakMillis()).plus(settings.lagWait());
            case APPROVAL -> Instant.MAX;
        };
    }

    private void awaitApproval(GreyPlan p, Wave w) throws InterruptedException {
        while (true) {
            String aborted = requests.abortOf(p.id());
            if (aborted != null) {
                w.putGate(w.gate(GateKind.APPROVAL).finish(false, "aborted by " + aborted, clock.instant()));
                stop(p, w, GateKind.APPROVAL, "aborted by " + aborted, aborted);
                return;
            }
            String approved = requests.takeApproval(p.id(), w.index());
            if (approved != null) {
                w.putGate(w.gate(GateKind.APPROVAL).finish(true, "approved by " + approved, clock.instant()));
                p.status(GreyStatus.RUNNING);
                pass(p, w);
                return;
            }
            Thread.sleep(settings.poll().toMillis());
        }
    }

    private void pass(GreyPlan p, Wave w) {
        w.status(WaveStatus.PASSED);
        w.detail("switched by cutover " + w.cutoverId() + "; every gate passed");
        log.info("UNITIZE-CC-147 grey plan {} wave {}/{} (slots {}) passed its gates", p.id(), w.index(), p.waves().size(), w.range());
    }

    private void stop(GreyPlan p, Wave w, GateKind gate, String why, String abortedBy) {
        GreyStatus end = abortedBy != null ? GreyStatus.ABORTED : GreyStatus.FAILED;
        if (abortedBy != null) {
            p.abortedBy(abortedBy);
        }
        p.stopAt(w, end, "wave " + w.index() + " (slots " + w.range() + "): gate " + gate + " failed: " + why);
        log.warn("UNITIZE-CC-148 grey plan {} wave {}/{}: gate {} failed: {}. Next: moving slots {} back to {}; earlier waves stay "
                + "switched, later waves do not run", p.id(), w.index(), p.waves().size(), gate, why, w.range(),
                w.moves().stream().map(SlotMove::from).distinct().toList());
    }

    /** Moves each range of the wave back to the unit it came from, one confirmed cutover each, in order. */
    private void rollBack(GreyPlan p, Wave w) throws InterruptedException {
        List<SlotMove> moves = w.moves();
        for (int i = 0; i < moves.size(); i++) {
            SlotMove m = moves.get(i);
            String tag = p.tag(w) + " rollback " + (i + 1) + "/" + moves.size() + ":";
            Cutover c = tagged(tag).filter(x -> x.status() != CutoverStatus.ROLLED_BACK).orElse(null);
            while (c == null || c.status() != CutoverStatus.DONE) {
                if (c == null) {
                    if (w.rollbackAttempts() >= settings.rollbackAttempts()) {
                        w.status(WaveStatus.ROLLBACK_FAILED);
                        w.detail("slots " + m.range() + " could not be moved back to " + m.from() + " in " + w.rollbackAttempts()
                                + " attempts; they are still routed to " + m.to());
                        p.end(p.endStatus(), null, clock.instant());
                        log.error("UNITIZE-CC-149 grey plan {} wave {}: {}. Next: move them back with POST /api/v1/cutovers "
                                + "(MOVE_SLOTS {} to {})", p.id(), w.index(), w.detail(), m.range(), m.from());
                        return;
                    }
                    w.countRollbackAttempt();
                    try {
                        c = engine.start(CutoverPlan.moveSlots(m.range().from(), m.range().to(), m.from(), tag + " " + reasonOf(p))
                                .withSyncMode(p.syncMode()), p.operator());
                        w.addRollbackCutover(c.id());
                    } catch (RuntimeException e) {
                        w.detail("rollback attempt " + w.rollbackAttempts() + " refused: " + e.getMessage());
                    }
                    repository.save(p);
                } else if (c.status() == CutoverStatus.ROLLED_BACK) {
                    w.detail("rollback cutover " + c.id() + " rolled back: " + c.failure());
                    c = null;
                    continue;
                }
                Thread.sleep(settings.poll().toMillis());
                c = c == null ? null : engine.find(c.id()).orElse(null);
            }
        }
        w.status(WaveStatus.ROLLED_BACK);
        w.detail("slots " + w.range() + " route to " + moves.stream().map(SlotMove::from).distinct().toList()
                + " again (cutovers " + w.rollbackCutovers() + ")");
        p.end(p.endStatus(), null, clock.instant());
        log.warn("UNITIZE-CC-150 grey plan {} {}: {}; wave {} rolled back ({}), waves before it stay on {}", p.id(), p.status(),
                p.failure(), w.index(), w.detail(), p.toUnit());
    }

    /** Why the wave moves back, cut to what a cutover's reason holds after the tag. */
    private static String reasonOf(GreyPlan p) {
        String why = String.valueOf(p.failure());
        return why.length() <= 400 ? why : why.substring(0, 399) + "…";
    }

    /** The newest cutover whose reason starts with {@code tag} (one a restart interrupted between its start and the plan's save). */
    private Optional<Cutover> tagged(String tag) {
        return engine.recent(200).stream().filter(c -> c.plan().reason() != null && c.plan().reason().startsWith(tag))
                .max(java.util.Comparator.comparing(Cutover::createdAt));
    }
}
