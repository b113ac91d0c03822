package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.cutover.CutoverConflictException;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.controlcenter.cutover.OnePerId;
import io.unitize.controlcenter.cutover.PlanResolver;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Grey cutovers: checks a plan and its waves, stores it, drives it in the background
 * ({@link GreyRunner}), takes the operator's approvals and aborts, and resumes the plans a stopped
 * control center left unfinished. Framework-free.
 */
public final class GreyPlans implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GreyPlans.class);
    /** Room in a cutover's reason for the wave's tag ("grey g-… wave 12/100 rollback 1/1: "). */
    public static final int MAX_REASON_LENGTH = 400;
    private static final long MAX_SOAK_MILLIS = 24 * 3600_000L;

    private final CutoverEngine engine;
    private final RulesAuthority rules;
    private final GreyPlanRepository repository;
    private final Map<GateKind, Gate> gates;
    private final Clock clock;
    private final GreyRequests requests = new GreyRequests();
    private final GreyRunner runner;
    private final OnePerId driving = new OnePerId("unitize-grey");

    public GreyPlans(CutoverEngine engine, RulesAuthority rules, GreyPlanRepository repository, Map<GateKind, Gate> gates,
                     GreySettings settings, Clock clock) {
        this.engine = engine;
        this.rules = rules;
        this.repository = repository;
        this.gates = Map.copyOf(gates);
        this.clock = clock;
        this.runner = new GreyRunner(engine, repository, gates, settings, requests, clock);
    }

    /**
     * Checks the plan, its waves and gates, stores it and starts its first wave in the background.
     *
     * @param defaults the gates when the request names none
     * @throws InvalidPlanException     naming the field: a malformed plan, waves that overlap, leave slots out or move nothing, a gate that is not available
     * @throws CutoverConflictException when a running cutover or another grey plan holds some of the slots
     */
    public synchronized GreyPlan create(GreyPlanRequest request, GateSettings defaults, String operator) {
        UnitRules current = rules.latest().orElseThrow(() -> new CutoverConflictException(
                "no rules in force yet: store the first version with PUT /api/v1/rules", null));
        List<SlotRange> waves = WaveSplitter.waves(request, current.transform() == null ? SlotTransform.DEFAULT_SLOT_COUNT
                : current.transform().slotCount());
        GateSettings g = request.gates() == null ? defaults : request.gates();
        checkGates(g);
        if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
            throw new InvalidPlanException("reason", "must be at most " + MAX_REASON_LENGTH + " characters (each wave's cutover "
                    + "adds its tag), but had " + request.reason().length());
        }
        CutoverPlan whole = CutoverPlan.moveSlots(request.from(), request.to(), request.toUnit(), request.reason())
                .withSyncMode(request.syncMode());
        // another plan first: its running wave's cutover would be refused below too, but naming the
        // plan tells the operator what holds the slots (and which plan to abort), whether or not a
        // wave is running at this instant
        for (GreyPlan other : repository.unfinished()) {
            SlotRange r = other.range();
            if (r.from() <= request.to() && request.from() <= r.to()) {
                throw new CutoverConflictException("slots " + request.from() + "-" + request.to() + " overlap grey plan "
                        + other.id() + " (slots " + r + ", " + other.status() + ", started by " + other.operator() + "); wait "
                        + "until it ends, or stop it (POST /api/v1/grey-plans/" + other.id() + "/abort)", null);
            }
        }
        engine.dryRun(whole); // the plan's fields, running cutovers, frozen slots: refused as for any cutover
        PlanResolver resolver = new PlanResolver(request.syncMode() == null ? SyncMode.MARKER : request.syncMode());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            SlotRange w = waves.get(i);
            try {
                resolver.resolve(current, CutoverPlan.moveSlots(w.from(), w.to(), request.toUnit(), request.reason()));
            } catch (InvalidPlanException e) {
                errors.add(new FieldError(request.split() != null ? "split" : "waves[" + i + "]", "wave " + (i + 1) + " (slots "
                        + w + "): " + e.errors().get(0).message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        GreyPlan p = new GreyPlan("g-" + UUID.randomUUID(), operator, request, waves, g, clock.instant());
        repository.save(p);
        log.info("UNITIZE-CC-151 grey plan {} started by {}: slots {} to {} in {} waves {}, gates {}; reason: {}", p.id(), operator,
                p.range(), p.toUnit(), waves.size(), waves, g.gates(), request.reason());
        GreyPlan copy = repository.find(p.id()).orElseThrow();
        launch(p);
        return copy;
    }

    private void checkGates(GateSettings g) {
        if (g.dataCheck() && !gates.containsKey(GateKind.DATA_CHECK)) {
            throw new InvalidPlanException("gates.dataCheck", "no table to compare is configured "
                    + "(unitize.control-center.integrity.data-check.tables); configure one, or set dataCheck false");
        }
        if (g.maxLagMillis() != null && (g.maxLagMillis() <= 0 || !gates.containsKey(GateKind.REPLICATION_LAG))) {
            throw new InvalidPlanException("gates.maxLagMillis", g.maxLagMillis() <= 0 ? "must be > 0, but was " + g.maxLagMillis()
                    : "the replication heartbeat is off (unitize.control-center.integrity.heartbeat.enabled); omit maxLagMillis");
        }
        if (g.soakMillis() < 0 || g.soakMillis() > MAX_SOAK_MILLIS) {
            throw new InvalidPlanException("gates.soakSeconds", "must be within 0.." + MAX_SOAK_MILLIS / 1000 + ", but was "
                    + g.soakMillis() / 1000);
        }
        if (g.soakMillis() > 0 && !gates.containsKey(GateKind.SOAK)) {
            throw new InvalidPlanException("gates.soakSeconds", "a soak watches the mis-route audit, which is off "
                    + "(unitize.control-center.integrity.misroute.enabled); set soakSeconds 0");
        }
    }

    /** Lets the wave waiting for approval stay switched; the next wave starts. */
    public void approve(String id, String operator) {
        GreyPlan p = require(id);
        Wave w = p.current();
        if (p.status() != GreyStatus.AWAITING_APPROVAL || w == null) {
            throw new CutoverConflictException("grey plan " + id + " is " + p.status() + (w == null ? "" : " (wave " + w.index()
                    + " " + w.status() + ")") + ": there is nothing to approve; approval is possible while it is AWAITING_APPROVAL", null);
        }
        requests.approve(id, w.index(), operator);
        log.info("UNITIZE-CC-152 grey plan {} wave {}: approved by {}", id, w.index(), operator);
    }

    /** Stops the plan: the current wave's slots move back to their source (earlier waves stay); later waves never run. */
    public void abort(String id, String operator) {
        GreyPlan p = require(id);
        if (p.status().finished() || p.status() == GreyStatus.ROLLING_BACK) {
            throw new CutoverConflictException("grey plan " + id + " is " + p.status() + ": it cannot be aborted"
                    + (p.status() == GreyStatus.ROLLING_BACK ? " again (its current wave is rolling back already)" : ""), null);
        }
        requests.abort(id, operator);
        log.warn("UNITIZE-CC-153 grey plan {}: {} asked to stop it and roll back its current wave", id, operator);
    }

    public Optional<GreyPlan> find(String id) {
        return repository.find(id);
    }

    public List<GreyPlan> recent(int limit) {
        return repository.recent(limit);
    }

    /** Drives every plan a stopped control center left unfinished (call at startup; safe to call again). */
    public void resumeUnfinished() {
        for (GreyPlan p : repository.unfinished()) {
            if (!driving.isRunning(p.id())) {
                log.warn("UNITIZE-CC-154 grey plan {} was unfinished ({}, wave {}): resuming it", p.id(), p.status(),
                        p.current() == null ? "-" : p.current().index() + " " + p.current().status());
                launch(p);
            }
        }
    }

    private GreyPlan require(String id) {
        return repository.find(id).orElseThrow(() -> new NoSuchElementException("no grey plan " + id));
    }

    private void launch(GreyPlan p) {
        driving.launch(p.id(), () -> runner.drive(p), () -> {
            if (p.status().finished()) {
                requests.forget(p.id());
            }
        });
    }

    @Override
    public void close() {
        driving.close();
    }
}
