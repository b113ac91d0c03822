package io.unitize.controlcenter.cutover;

import io.unitize.core.ReplayRequest;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.AgentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs cutovers: freeze -> confirm freeze -> mark -> confirm sync -> switch -> replay -> done, each
 * step bounded, the state saved after every change. A failure before SWITCH rolls back (freeze
 * lifted, routes unchanged). After a restart {@link #resumeUnfinished()} runs each unfinished
 * cutover again from its saved step; every step is safe to run twice.
 */
public final class CutoverEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CutoverEngine.class);
    private static final Duration REPUBLISH_LOG_EVERY = Duration.ofSeconds(10);

    private final RulesAuthority rules;
    private final AgentAcks acks;
    private final Map<SyncMode, SyncConfirmation> syncs;
    private final ReplayRequests replays;
    private final CutoverRepository repository;
    private final CutoverSettings settings;
    private final PlanResolver resolver;
    private final List<CutoverObserver> observers;
    private final Clock clock;
    private final ExecutorService executor;
    private final Set<String> driving = ConcurrentHashMap.newKeySet();
    private final Map<String, String> abortRequests = new ConcurrentHashMap<>();
    private final Object startLock = new Object();
    private volatile SyncLagNote syncLagNote = SyncLagNote.NONE;

    public CutoverEngine(RulesAuthority rules, AgentAcks acks, List<SyncConfirmation> syncs, ReplayRequests replays,
                         CutoverRepository repository, CutoverSettings settings, SyncMode defaultSyncMode,
                         List<CutoverObserver> observers, Clock clock) {
        this.rules = rules;
        this.acks = acks;
        this.syncs = syncs.stream().collect(Collectors.toUnmodifiableMap(SyncConfirmation::mode, s -> s));
        if (!this.syncs.containsKey(defaultSyncMode)) {
            throw new IllegalArgumentException("no sync confirmation for the default mode " + defaultSyncMode);
        }
        this.replays = replays;
        this.repository = repository;
        this.settings = settings;
        this.resolver = new PlanResolver(defaultSyncMode);
        this.observers = List.copyOf(observers);
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "unitize-cutover-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What CONFIRM_SYNC records with each confirmed direction (the replication lag, say). */
    public void syncLagNote(SyncLagNote note) {
        this.syncLagNote = java.util.Objects.requireNonNull(note, "note");
    }

    /** What {@code plan} would do; nothing is changed. */
    public DryRun dryRun(CutoverPlan plan) {
        ResolvedPlan r;
        synchronized (startLock) {
            r = resolve(plan);
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
            ResolvedPlan r = resolve(plan);
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

    private ResolvedPlan resolve(CutoverPlan plan) {
        UnitRules current = rules.latest().orElseThrow(() -> new CutoverConflictException(
                "no rules in force yet: store the first version with PUT /api/v1/rules", null));
        ResolvedPlan r = resolver.resolve(current, plan);
        for (Cutover other : repository.unfinished()) {
            for (SlotMove theirs : other.moves()) {
                String touched = touched(plan, r, theirs);
                if (touched != null) {
                    throw new CutoverConflictException(touched + " cutover " + other.id() + " (status " + other.status()
                            + ", step " + other.step() + ", started by " + other.operator() + "); one cutover at a time per "
                            + "slot range: wait until it ends, or stop it (POST /api/v1/cutovers/" + other.id() + "/abort)",
                            other.id());
                }
            }
        }
        PlanResolver.requireUnfrozen(current, r.moves());
        return r;
    }

    /**
     * How {@code plan} touches the slots that another cutover is moving ({@code theirs}), or null:
     * it moves some of them; it names some of them (MOVE_SLOTS: its range, even where the slots
     * would not change owner today; TARGET_ROUTES: its table names every slot); it fails over a
     * unit they are moving from or to.
     */
    private static String touched(CutoverPlan plan, ResolvedPlan mine, SlotMove theirs) {
        for (SlotMove m : mine.moves()) {
            if (overlap(m.range(), theirs.range())) {
                return "slots " + m.range() + " are moving in";
            }
        }
        return switch (plan.type()) {
            case MOVE_SLOTS -> overlap(SlotRange.of(plan.from(), plan.to()), theirs.range())
                    ? "slots " + plan.from() + "-" + plan.to() + " of this plan include " + theirs.range() + ", moving in" : null;
            case TARGET_ROUTES -> "a TARGET_ROUTES plan sets the owner of every slot, and slots " + theirs.range()
                    + " are moving (" + theirs.from() + " -> " + theirs.to() + ") in";
            case FAILOVER_UNIT -> plan.unit().equals(theirs.from()) || plan.unit().equals(theirs.to())
                    ? "unit " + plan.unit() + " is losing or receiving slots " + theirs.range() + " in" : null;
        };
    }

    /** Runs every cutover a stopped control center left unfinished (call once at startup; safe to call again). */
    public void resumeUnfinished() {
        for (Cutover c : repository.unfinished()) {
            if (driving.contains(c.id())) {
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
     * Asks a running cutover to stop and roll back. Possible until SWITCH starts; the running step
     * ends at its next check (within a poll interval) and the rollback follows.
     *
     * @throws CutoverConflictException if the cutover has finished or has reached SWITCH
     */
    public void abort(String id, String operator) {
        Cutover c = repository.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no cutover " + id));
        if (c.status() != CutoverStatus.RUNNING || !c.step().beforeSwitch()) {
            throw new CutoverConflictException("cutover " + id + " cannot be rolled back now: it is " + c.status()
                    + " at step " + c.step() + " (a rollback is possible only before SWITCH)", id);
        }
        abortRequests.put(id, operator);
        log.warn("UNITIZE-CC-104 cutover {}: {} asked to roll back at step {}", id, operator, c.step());
    }

    private void checkAbort(Cutover c) throws StepFailure {
        String by = abortRequests.get(c.id());
        if (by != null && c.step().beforeSwitch()) {
            throw new StepFailure("rolled back on request of operator " + by);
        }
    }

    public Optional<Cutover> find(String id) {
        return repository.find(id);
    }

    public List<Cutover> recent(int limit) {
        return repository.recent(limit);
    }

    private void launch(Cutover c) {
        if (driving.add(c.id())) {
            executor.execute(() -> drive(c));
        }
    }

    private void drive(Cutover c) {
        try {
            while (!c.status().finished()) {
                if (c.status() == CutoverStatus.ROLLING_BACK) {
                    rollBack(c);
                } else {
                    runStep(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("UNITIZE-CC-102 cutover {} paused at step {}: the control center is stopping; it resumes at the next start",
                    c.id(), c.step());
        } catch (RuntimeException e) {
            log.error("UNITIZE-CC-103 cutover {} stopped at step {} by an unexpected error. Next: it resumes at the next "
                    + "reconciliation or restart; check the control center's database", c.id(), c.step(), e);
        } finally {
            driving.remove(c.id());
            if (c.status().finished()) {
                abortRequests.remove(c.id());
            }
        }
    }

    private void runStep(Cutover c) throws InterruptedException {
        CutoverStep step = c.step();
        StepRecord record = c.begin(step, clock.instant());
        repository.save(c);
        try {
            String detail = runUntilDeadline(c, step, deadlineOf(c, step));
            record.finish(clock.instant(), detail.startsWith("skipped") ? "skipped" : "ok", detail);
            advance(c, step);
        } catch (StepFailure f) {
            record.finish(clock.instant(), "failed", f.getMessage());
            if (step.beforeSwitch() || (step == CutoverStep.SWITCH && c.switchVersion() == null)) {
                c.failure(step + ": " + f.getMessage());
                c.status(CutoverStatus.ROLLING_BACK);
                c.step(CutoverStep.ROLLBACK);
                log.warn("UNITIZE-CC-110 cutover {} failed at {}: {}. Next: rolling back (freeze lifted, routes unchanged)",
                        c.id(), step, f.getMessage());
            } else {
                c.warn(step + ": " + f.getMessage());
                log.warn("UNITIZE-CC-111 cutover {}: {} not confirmed: {}. The new routes are in force; agents that have not "
                        + "applied them keep refusing writes of the moved slots until they do", c.id(), step, f.getMessage());
                advance(c, step);
            }
        }
        repository.save(c);
        observers.forEach(o -> o.stepFinished(c, record));
        if (c.status().finished()) {
            finish(c);
        }
    }

    /**
     * The bound of a step. Until the new routes are stored (every step before SWITCH, and SWITCH until
     * its version is stored) the freeze timeout, counted from the freeze's publication, bounds it too.
     */
    private Deadline deadlineOf(Cutover c, CutoverStep step) {
        Deadline own = Deadline.after(clock.instant(), settings.timeoutOf(step), CutoverSettings.propertyOf(step));
        Deadline freeze = c.freezePublishedAt() == null ? null
                : Deadline.after(c.freezePublishedAt(), settings.freezeTimeout(), "freeze-timeout");
        if (step == CutoverStep.SWITCH) {
            return freeze == null ? own : freeze; // the acknowledgements get their own bound once the version is stored
        }
        return step.beforeSwitch() ? own.earliest(freeze) : own;
    }

    /**
     * Runs a step. While the step can still be undone, an unexpected error (the store refusing a
     * write, a document that cannot be derived) is retried until the deadline and then fails the
     * step, so the cutover rolls back instead of holding the freeze: no step that can never succeed
     * keeps buyers frozen past the freeze timeout. After the new routes are stored nothing is undone:
     * such an error stops this drive (UNITIZE-CC-103) and the step runs again at the next reconciliation.
     */
    private String runUntilDeadline(Cutover c, CutoverStep step, Deadline deadline) throws InterruptedException, StepFailure {
        RuntimeException last = null;
        Instant nextLog = clock.instant();
        while (true) {
            checkAbort(c);
            if (deadline.passed(clock) && undoable(c, step)) {
                throw new StepFailure(last == null ? deadline + " passed before the step could run"
                        : "cannot complete within " + deadline + ": " + abbreviate(last.getMessage(), 500));
            }
            try {
                return switch (step) {
                    case FREEZE -> freeze(c, deadline);
                    case CONFIRM_FREEZE -> confirmFreeze(c, deadline);
                    case MARK -> mark(c, deadline);
                    case CONFIRM_SYNC -> confirmSync(c, deadline);
                    case SWITCH -> switchRoutes(c);
                    case REPLAY -> replay(c, deadline);
                    case DONE, ROLLBACK -> throw new IllegalStateException("not a forward step: " + step);
                };
            } catch (RuntimeException e) {
                if (!undoable(c, step)) {
                    throw e;
                }
                last = e;
                if (!clock.instant().isBefore(nextLog)) {
                    log.warn("UNITIZE-CC-113 cutover {} at {}: {}. Next: retrying until {} passes, then rolling back "
                            + "(freeze lifted, routes unchanged)", c.id(), step, abbreviate(e.getMessage(), 500), deadline);
                    nextLog = clock.instant().plus(REPUBLISH_LOG_EVERY);
                }
            }
            Thread.sleep(Math.max(1, settings.pollInterval().toMillis() * 4));
        }
    }

    /** Whether a failure now is undone by ROLLBACK: before SWITCH, or in SWITCH before its version is stored. */
    private boolean undoable(Cutover c, CutoverStep step) {
        if (step.beforeSwitch()) {
            return true;
        }
        return step == CutoverStep.SWITCH && c.switchVersion() == null
                && rules.issued(c.id(), RulesLedger.Purpose.SWITCH).isEmpty();
    }

    private void advance(Cutover c, CutoverStep done) {
        CutoverStep next = done.next();
        c.step(next);
        if (next == CutoverStep.DONE) {
            c.status(CutoverStatus.DONE);
            c.finishedAt(clock.instant());
        }
    }

    private void finish(Cutover c) {
        log.info("UNITIZE-CC-120 cutover {} {}: freeze window {} ms, steps {}{}", c.id(), c.status(), c.freezeWindowMillis(),
                c.steps().stream().map(s -> s.step() + "=" + s.millis() + "ms").collect(Collectors.joining(", ")),
                c.failure() == null ? "" : "; failure: " + c.failure());
        observers.forEach(o -> o.finished(c));
    }

    // --- steps ---

    private String freeze(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        if (c.freezeVersion() == null) {
            long v = rules.issued(c.id(), RulesLedger.Purpose.FREEZE).orElseGet(() -> rules.issue(RulesLedger.Purpose.FREEZE,
                    c.id(), c.operator(), VersionReasons.of("cutover " + c.id() + ": freeze", c.moves(), false, c.plan().reason()),
                    (current, stamp) -> RulesEdits.freeze(current, c.moves(), stamp)).version());
            c.freezeVersion(v);
            repository.save(c);
        }
        c.freezePublishedAt(clock.instant());
        publishBefore(c, deadline);
        return "version " + c.freezeVersion() + " published to " + publishedUnits(c);
    }

    private String confirmFreeze(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        int agents = awaitAcks(c, c.freezeVersion(), deadline);
        c.freezeEffectiveAt(clock.instant());
        return agents + " live agents on version " + c.freezeVersion();
    }

    private String mark(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        if (c.sourceUnits().isEmpty()) {
            return "skipped: data loss accepted for " + c.skippedUnits() + "; no marker written";
        }
        SyncConfirmation sync = syncs.get(c.syncMode());
        for (String source : c.sourceUnits()) {
            if (c.syncTokens().containsKey(source)) {
                continue;
            }
            String markerId = c.id() + "@" + source;
            Exception last = null;
            while (true) {
                try {
                    c.syncToken(source, sync.mark(markerId, source));
                    repository.save(c);
                    break;
                } catch (Exception e) {
                    last = e;
                }
                if (deadline.passed(clock)) {
                    throw new StepFailure("cannot write the sync marker in unit " + source + "'s database within "
                            + deadline + ": " + last.getMessage());
                }
                Thread.sleep(settings.pollInterval().toMillis());
            }
        }
        return "T=" + c.freezeEffectiveAt() + "; " + c.syncMode() + " markers " + c.syncTokens();
    }

    private String confirmSync(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        if (c.sourceUnits().isEmpty()) {
            return "skipped: data loss accepted for " + c.skippedUnits() + "; replication not confirmed";
        }
        SyncConfirmation sync = syncs.get(c.syncMode());
        List<String> confirmed = new ArrayList<>();
        for (SlotMove m : c.moves()) {
            if (!c.sourceUnits().contains(m.from()) || confirmed.contains(m.from() + "->" + m.to())) {
                continue;
            }
            String token = c.syncTokens().get(m.from());
            String lastError = null;
            while (true) {
                try {
                    if (sync.arrived(token, m.from(), m.to())) {
                        break;
                    }
                } catch (Exception e) {
                    lastError = e.getMessage();
                }
                checkAbort(c);
                if (deadline.passed(clock)) {
                    throw new StepFailure("sync marker " + token + " (" + c.syncMode() + ") written in unit " + m.from()
                            + " not seen in unit " + m.to() + " within " + deadline + ": replication from "
                            + m.from() + " to " + m.to() + " is stopped or behind" + (lastError == null ? "" : "; last error: " + lastError));
                }
                Thread.sleep(settings.pollInterval().toMillis());
            }
            confirmed.add(m.from() + "->" + m.to());
        }
        String notes = confirmed.stream().map(d -> syncLagNote.noteFor(d.substring(0, d.indexOf("->")), d.substring(d.indexOf("->") + 2)))
                .filter(n -> !n.isEmpty()).collect(Collectors.joining("; "));
        if (!notes.isEmpty()) {
            return "data written before T confirmed in " + confirmed + "; " + notes;
        }
        return "data written before T confirmed in " + confirmed;
    }

    private String switchRoutes(Cutover c) throws InterruptedException, StepFailure {
        if (c.switchVersion() == null) {
            long v = rules.issued(c.id(), RulesLedger.Purpose.SWITCH).orElseGet(() -> rules.issue(RulesLedger.Purpose.SWITCH,
                    c.id(), c.operator(), VersionReasons.of("cutover " + c.id() + ": route", c.moves(), true,
                            c.plan().reason()),
                    (current, stamp) -> RulesEdits.switchRoutes(current, c.moves(), stamp)).version());
            c.switchVersion(v);
            repository.save(c);
        }
        Deadline acks = Deadline.after(clock.instant(), settings.switchAckTimeout(), "switch-ack-timeout");
        publishUntilDone(c);
        int agents = awaitAcks(c, c.switchVersion(), acks);
        Instant at = clock.instant();
        c.switchAppliedAt(at);
        c.windowClosedAt(at);
        return "version " + c.switchVersion() + " applied by " + agents + " live agents";
    }

    private String replay(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        List<String> sent = new ArrayList<>();
        for (String target : c.targetUnits()) {
            if (c.replaySent(target)) {
                continue;
            }
            List<SlotRange> ranges = c.moves().stream().filter(m -> m.to().equals(target)).map(SlotMove::range).toList();
            Set<String> sources = new LinkedHashSet<>();
            c.moves().stream().filter(m -> m.to().equals(target)).forEach(m -> sources.add(m.from()));
            Instant t = c.freezeEffectiveAt() != null ? c.freezeEffectiveAt() : c.freezePublishedAt();
            ReplayRequest request = new ReplayRequest(c.id(), target, List.copyOf(sources), ranges, t,
                    t.minus(settings.replayMargin()), c.switchVersion());
            Exception last = null;
            while (true) {
                try {
                    replays.send(request);
                    break;
                } catch (Exception e) {
                    last = e;
                }
                if (deadline.passed(clock)) {
                    throw new StepFailure("replay request not delivered to unit " + target + " within " + deadline
                            + ": " + last.getMessage() + "; the target unit does not replay messages of " + ranges
                            + " until it is sent (POST /api/v1/cutovers/" + c.id() + "/replay)");
                }
                Thread.sleep(settings.pollInterval().toMillis() * 4);
            }
            c.markReplaySent(target);
            repository.save(c);
            sent.add(target);
        }
        return "replay requested from units " + sent;
    }

    private void rollBack(Cutover c) throws InterruptedException {
        StepRecord record = c.begin(CutoverStep.ROLLBACK, clock.instant());
        repository.save(c);
        if (c.rollbackVersion() == null) {
            Optional<Long> issued = rules.issued(c.id(), RulesLedger.Purpose.ROLLBACK);
            if (issued.isPresent()) {
                c.rollbackVersion(issued.get());
            } else if (rules.issued(c.id(), RulesLedger.Purpose.FREEZE).isPresent()
                    && rules.latest().map(r -> RulesEdits.freezesAny(r, c.moves())).orElse(false)) {
                c.rollbackVersion(rules.issue(RulesLedger.Purpose.ROLLBACK, c.id(), c.operator(), VersionReasons.of("cutover "
                                + c.id() + ": rolled back, routes unchanged, freeze lifted of", c.moves(), false, null),
                        (current, stamp) -> RulesEdits.liftFreeze(current, c.moves(), stamp)).version());
            }
            repository.save(c);
        }
        if (c.rollbackVersion() == null) {
            record.finish(clock.instant(), "ok", "nothing to undo: no freeze was issued");
        } else {
            publishUntilDone(c);
            try {
                awaitAcks(c, c.rollbackVersion(), Deadline.after(clock.instant(), settings.freezeAckTimeout(), "freeze-ack-timeout"));
                c.windowClosedAt(clock.instant());
                record.finish(clock.instant(), "ok", "version " + c.rollbackVersion() + " (freeze lifted) applied");
            } catch (StepFailure f) {
                c.warn("ROLLBACK: " + f.getMessage() + "; version " + c.rollbackVersion() + " (freeze lifted) is published, "
                        + "those agents refuse writes of the moving slots until they apply it");
                record.finish(clock.instant(), "failed", f.getMessage());
            }
        }
        c.status(CutoverStatus.ROLLED_BACK);
        c.finishedAt(clock.instant());
        repository.save(c);
        observers.forEach(o -> o.stepFinished(c, record));
        finish(c);
    }

    // --- helpers ---

    /** Publishes the latest version, retrying until {@code deadline}. */
    private void publishBefore(Cutover c, Deadline deadline) throws InterruptedException, StepFailure {
        RuntimeException last;
        while (true) {
            try {
                rules.publishLatest(c.skippedUnits());
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            checkAbort(c);
            if (deadline.passed(clock)) {
                throw new StepFailure("rules not published to every unit within " + deadline + ": "
                        + last.getMessage());
            }
            Thread.sleep(settings.pollInterval().toMillis() * 4);
        }
    }

    /**
     * Publishes the latest version until every unit has it: after the new routes (or the rollback)
     * are stored, stopping half-way would leave units disagreeing, so this does not give up.
     */
    private void publishUntilDone(Cutover c) throws InterruptedException {
        Instant nextLog = clock.instant();
        while (true) {
            try {
                rules.publishLatest(c.skippedUnits());
                return;
            } catch (RuntimeException e) {
                if (!clock.instant().isBefore(nextLog)) {
                    log.warn("UNITIZE-CC-112 cutover {} at {}: the latest rules are not in every unit yet: {}. Next: retrying "
                            + "until they are; check that unit's Nacos", c.id(), c.step(), e.getMessage());
                    nextLog = clock.instant().plus(REPUBLISH_LOG_EVERY);
                }
            }
            Thread.sleep(Math.max(200, settings.pollInterval().toMillis() * 4));
        }
    }

    /** Waits until every live agent (of the units not skipped) applied {@code version}; returns how many there are. */
    private int awaitAcks(Cutover c, long version, Deadline deadline) throws InterruptedException, StepFailure {
        while (true) {
            List<String> problems = new ArrayList<>();
            int live = 0;
            for (String unit : rules.units()) {
                if (c.skippedUnits().contains(unit)) {
                    continue;
                }
                try {
                    for (AgentStatus a : acks.liveAgents(unit)) {
                        live++;
                        if (a.appliedVersion() < version) {
                            problems.add("agent " + a.agentId() + " (" + a.kind() + ") in unit " + unit + " at " + a.host()
                                    + " pid " + a.pid() + " has applied version " + a.appliedVersion());
                        }
                    }
                } catch (RuntimeException e) {
                    problems.add("unit " + unit + ": " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                return live;
            }
            if (c.status() == CutoverStatus.RUNNING) {
                checkAbort(c);
            }
            if (deadline.passed(clock)) {
                throw new StepFailure("not every live agent applied version " + version + " within "
                        + deadline + ": " + String.join("; ", problems));
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private String publishedUnits(Cutover c) {
        Set<String> units = new LinkedHashSet<>(rules.units());
        if (!c.skippedUnits().isEmpty()) {
            return units + " (tolerating failure of the lost unit " + c.skippedUnits() + ")";
        }
        return units.toString();
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static boolean overlap(SlotRange a, SlotRange b) {
        return a.from() <= b.to() && b.from() <= a.to();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A step that did not complete within its bound (or cannot complete). */
    private static final class StepFailure extends Exception {
        StepFailure(String message) {
            super(message, null, false, false);
        }
    }
}
