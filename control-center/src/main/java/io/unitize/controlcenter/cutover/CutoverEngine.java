package io.unitize.controlcenter.cutover;

import io.unitize.core.nacos.AgentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs cutovers: freeze -> confirm freeze -> mark -> confirm sync -> switch -> replay -> done, each
 * step a class of its own ({@link CutoverSteps}), bounded, the state saved after every change
 * ({@link CutoverDriver}). A failure before SWITCH rolls back (freeze lifted, routes unchanged).
 * After a restart {@link #resumeUnfinished()} runs each unfinished cutover again from its saved
 * step; every step is safe to run twice.
 */
public final class CutoverEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CutoverEngine.class);

    private final RulesAuthority rules;
    private final AgentAcks acks;
    private final CutoverRepository repository;
    private final CutoverSettings settings;
    private final CutoverConflicts conflicts;
    private final AbortRequests aborts = new AbortRequests();
    private final CutoverDriver driver;
    private final Clock clock;
    private final OnePerId driving = new OnePerId("unitize-cutover");
    private final Object startLock = new Object();
    private final CutoverSteps steps;
    private final ReplayRedelivery replayRedelivery;
    private final java.util.concurrent.atomic.AtomicInteger undeliveredReplays = new java.util.concurrent.atomic.AtomicInteger();

    public CutoverEngine(RulesAuthority rules, AgentAcks acks, List<SyncConfirmation> syncs, ReplayRequests replays,
                         CutoverRepository repository, CutoverSettings settings, SyncMode defaultSyncMode,
                         List<CutoverObserver> observers, Clock clock) {
        this.rules = rules;
        this.acks = acks;
        var byMode = syncs.stream().collect(Collectors.toUnmodifiableMap(SyncConfirmation::mode, s -> s));
        if (!byMode.containsKey(defaultSyncMode)) {
            throw new IllegalArgumentException("no sync confirmation for the default mode " + defaultSyncMode);
        }
        this.repository = repository;
        this.settings = settings;
        this.conflicts = new CutoverConflicts(rules, repository, new PlanResolver(defaultSyncMode));
        this.clock = clock;
        StepPorts ports = new StepPorts(rules, acks, byMode, replays, repository, settings, aborts, clock);
        this.steps = new CutoverSteps(ports);
        this.driver = new CutoverDriver(ports, steps, observers);
        this.replayRedelivery = new ReplayRedelivery(ports);
    }

    /** What CONFIRM_SYNC records with each confirmed direction (the replication lag, say). */
    public void syncLagNote(SyncLagNote note) {
        steps.confirmSync().lagNote(note);
    }

    /** What {@code plan} would do; nothing is changed. */
    public DryRun dryRun(CutoverPlan plan) {
        ResolvedPlan r;
        synchronized (startLock) {
            r = conflicts.resolve(plan);
        }
        List<AgentStatus> agents = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String unit : rules.units()) {
            if (r.skippedUnits().contains(unit)) {
                continue;
            }
            try {
                agents.addAll(acks.liveAgents(unit));
            } catch (RuntimeException e) {
                unreachable.add(unit + ": " + e.getMessage());
            }
        }
        boolean syncSkipped = r.moves().stream().allMatch(m -> r.skippedUnits().contains(m.from()));
        List<DryRun.PlannedStep> steps = new ArrayList<>();
        for (CutoverStep s : CutoverStep.values()) {
            if (s == CutoverStep.DONE || s == CutoverStep.ROLLBACK) {
                continue;
            }
            boolean skipped = syncSkipped && (s == CutoverStep.MARK || s == CutoverStep.CONFIRM_SYNC);
            steps.add(new DryRun.PlannedStep(s, s.description(), settings.timeoutOf(s).toMillis(), skipped));
        }
        return new DryRun(r.baseVersion(), r.moves(), r.skippedUnits(), !r.skippedUnits().isEmpty(), r.syncMode(), agents,
                unreachable, steps);
    }

    /**
     * Checks the plan and starts the cutover in the background.
     *
     * @throws InvalidPlanException     naming the field, if the plan is malformed or moves nothing
     * @throws CutoverConflictException if another cutover holds some of the slots, or they are frozen
     */
    public Cutover start(CutoverPlan plan, String operator) {
        Cutover c;
        synchronized (startLock) {
            ResolvedPlan r = conflicts.resolve(plan);
            c = new Cutover("c-" + UUID.randomUUID(), r, operator, clock.instant());
            repository.save(c);
        }
        log.info("UNITIZE-CC-100 cutover {} started by {}: moves {}{}; reason: {}", c.id(), operator, c.moves(),
                c.dataLossAccepted() ? " (failover, data loss of the replication window accepted for "
                        + c.skippedUnits() + ")" : "", plan.reason());
        Cutover copy = repository.find(c.id()).orElseThrow();
        launch(c);
        return copy;
    }

    /** Runs every cutover a stopped control center left unfinished (call once at startup; safe to call again). */
    public void resumeUnfinished() {
        for (Cutover c : repository.unfinished()) {
            if (driving.isRunning(c.id())) {
                continue;
            }
            c.closeInterrupted(clock.instant());
            repository.save(c);
            log.warn("UNITIZE-CC-101 cutover {} was unfinished ({} at step {}): {} it", c.id(), c.status(), c.step(),
                    c.status() == CutoverStatus.ROLLING_BACK ? "finishing the rollback of" : "resuming");
            launch(c);
        }
    }

    /**
     * Tries once more each replay request that a finished cutover could not deliver within its REPLAY
     * step (call periodically, and once at startup; safe to call again).
     *
     * @return how many requests are still undelivered
     */
    public int redeliverReplays() {
        int pending = 0;
        for (Cutover c : repository.replaysPending()) {
            if (driving.isRunning(c.id())) {
                continue; // its driver saves it once more on the way out; next tick
            }
            pending += replayRedelivery.tryOnce(c).size();
        }
        undeliveredReplays.set(pending);
        return pending;
    }

    /** Whether this engine's thread is still driving cutover {@code id} (it saves the cutover once more on the way out). */
    boolean isDriving(String id) {
        return driving.isRunning(id);
    }

    /** Replay requests still undelivered as of the last {@link #redeliverReplays()} (the reconcile tick). */
    public int undeliveredReplays() {
        return undeliveredReplays.get();
    }

    /**
     * An operator's "deliver the replay request now" for one cutover: one try per undelivered request.
     *
     * @return the cutover as saved after the try
     * @throws NoSuchElementException   if there is no such cutover
     * @throws CutoverConflictException if it has no undelivered replay request (running, rolled back, or delivered)
     * @throws ReplayUndeliveredException if a request was refused again, naming the unit and the reason
     */
    public Cutover redeliverReplay(String id, String operator) {
        Cutover c = repository.find(id).orElseThrow(() -> new NoSuchElementException("no cutover " + id));
        if (driving.isRunning(id)) {
            throw new CutoverConflictException("cutover " + id + " is still being driven (" + c.status() + " at step " + c.step()
                    + "): its REPLAY step delivers the requests; ask again once it has finished", id);
        }
        if (c.replaysPending().isEmpty()) {
            throw new CutoverConflictException("cutover " + id + " has no undelivered replay request: it is " + c.status()
                    + " at step " + c.step() + (c.status() == CutoverStatus.DONE ? " and every target unit has its request" : ""), id);
        }
        log.info("UNITIZE-CC-115 cutover {}: {} asked to deliver the replay requests to {} now", id, operator, c.replaysPending());
        Map<String, String> refused = replayRedelivery.tryOnce(c);
        if (!refused.isEmpty()) {
            throw new ReplayUndeliveredException(id, refused);
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * Asks a running cutover to stop and roll back. Possible until SWITCH starts; the running step
     * ends at its next check (within a poll interval) and the rollback follows.
     *
     * @throws CutoverConflictException if the cutover has finished or has reached SWITCH
     */
    public void abort(String id, String operator) {
        Cutover c = repository.find(id).orElseThrow(() -> new NoSuchElementException("no cutover " + id));
        if (c.status() != CutoverStatus.RUNNING || !c.step().beforeSwitch()) {
            throw new CutoverConflictException("cutover " + id + " cannot be rolled back now: it is " + c.status()
                    + " at step " + c.step() + " (a rollback is possible only before SWITCH)", id);
        }
        aborts.request(id, operator);
        log.warn("UNITIZE-CC-104 cutover {}: {} asked to roll back at step {}", id, operator, c.step());
    }

    public Optional<Cutover> find(String id) {
        return repository.find(id);
    }

    public List<Cutover> recent(int limit) {
        return repository.recent(limit);
    }

    private void launch(Cutover c) {
        driving.launch(c.id(), () -> driver.drive(c), () -> {
            if (c.status().finished()) {
                aborts.forget(c.id());
            }
        });
    }

    @Override
    public void close() {
        driving.close();
    }
}
