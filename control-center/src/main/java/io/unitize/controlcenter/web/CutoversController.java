package io.unitize.controlcenter.web;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.DryRun;
import io.unitize.controlcenter.integrity.lag.CutoverLagCheck;
import io.unitize.controlcenter.store.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Plans, dry runs and cutovers. */
@RestController
@RequestMapping("/api/v1")
public class CutoversController {

    private final CutoverEngine engine;
    private final AuditLog audit;
    private final ObjectProvider<CutoverLagCheck> lagCheck;

    public CutoversController(CutoverEngine engine, AuditLog audit, ObjectProvider<CutoverLagCheck> lagCheck) {
        this.engine = engine;
        this.audit = audit;
        this.lagCheck = lagCheck;
    }

    /** What a plan would move, which agents must acknowledge, and the steps with their bounds. Changes nothing. */
    @PostMapping("/plans/dry-run")
    public DryRun dryRun(@RequestBody PlanRequest request) {
        return engine.dryRun(request.toPlan());
    }

    /** Starts a cutover; 202 with its progress URL. */
    @PostMapping("/cutovers")
    public ResponseEntity<CutoverView> start(@RequestBody PlanRequest request, Authentication who) {
        Cutover c;
        try {
            CutoverPlan plan = request.toPlan();
            lagCheck.ifAvailable(check -> check.check(plan));
            c = engine.start(plan, who.getName());
        } catch (RuntimeException e) {
            audit.record(who.getName(), "cutover.start", null, "refused", e.getMessage() + " | request: " + request);
            throw e;
        }
        audit.record(who.getName(), "cutover.start", c.id(), "accepted",
                "moves " + c.moves() + (c.dataLossAccepted() ? ", data loss accepted for " + c.skippedUnits() : "")
                        + "; reason: " + c.plan().reason());
        return ResponseEntity.accepted().location(URI.create("/api/v1/cutovers/" + c.id())).body(CutoverView.of(c));
    }

    /** Stops a running cutover and rolls it back (only before SWITCH); 202, then follow its progress. */
    @PostMapping("/cutovers/{id}/abort")
    public ResponseEntity<CutoverView> abort(@PathVariable String id, Authentication who) {
        try {
            engine.abort(id, who.getName());
        } catch (java.util.NoSuchElementException e) {
            throw new NotFoundException("no cutover " + id + "; GET /api/v1/cutovers lists them");
        } catch (RuntimeException e) {
            audit.record(who.getName(), "cutover.abort", id, "refused", e.getMessage());
            throw e;
        }
        audit.record(who.getName(), "cutover.abort", id, "accepted", "rollback requested");
        return ResponseEntity.accepted().location(URI.create("/api/v1/cutovers/" + id)).body(get(id));
    }

    /**
     * Delivers now the replay requests a finished cutover's REPLAY step could not deliver in time (the
     * control center also tries at every reconcile tick): 200 with the cutover, 409 if none is
     * undelivered, 502 naming each unit that refused again.
     */
    @PostMapping("/cutovers/{id}/replay")
    public CutoverView replay(@PathVariable String id, Authentication who) {
        Cutover c;
        try {
            c = engine.redeliverReplay(id, who.getName());
        } catch (java.util.NoSuchElementException e) {
            throw new NotFoundException("no cutover " + id + "; GET /api/v1/cutovers lists them");
        } catch (RuntimeException e) {
            audit.record(who.getName(), "cutover.replay", id, "refused", e.getMessage());
            throw e;
        }
        audit.record(who.getName(), "cutover.replay", id, "accepted", "replay requests delivered");
        return CutoverView.of(c);
    }

    @GetMapping("/cutovers")
    public List<CutoverView> list(@RequestParam(defaultValue = "50") int limit) {
        return engine.recent(Math.max(1, Math.min(limit, 500))).stream().map(CutoverView::of).toList();
    }

    @GetMapping("/cutovers/{id}")
    public CutoverView get(@PathVariable String id) {
        return engine.find(id).map(CutoverView::of)
                .orElseThrow(() -> new NotFoundException("no cutover " + id + "; GET /api/v1/cutovers lists them"));
    }
}
