package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The persisted state of one cutover. The engine saves it after every change, so that a restarted
 * control center can resume it from {@link #step()} (every step is safe to run again) or finish
 * its rollback. Only the engine thread that drives a cutover mutates it; readers get copies from
 * the {@link CutoverRepository}.
 */
public final class Cutover {

    private String id;
    private CutoverPlan plan;
    private String operator;
    private CutoverStatus status;
    private CutoverStep step;
    private List<SlotMove> moves;
    private Set<String> skippedUnits;
    private SyncMode syncMode;
    private long baseVersion;
    private Long freezeVersion;
    private Long switchVersion;
    private Long rollbackVersion;
    private Instant createdAt;
    private Instant freezePublishedAt;
    private Instant freezeEffectiveAt;
    private Instant switchAppliedAt;
    private Instant finishedAt;
    private Long freezeWindowMillis;
    private Map<String, String> syncTokens = new LinkedHashMap<>();
    private Set<String> replaysSent = new LinkedHashSet<>();
    private List<StepRecord> steps = new ArrayList<>();
    private String failure;
    private CutoverStep failedStep;
    private List<String> warnings = new ArrayList<>();

    Cutover() {
        // for the store's JSON mapping
    }

    Cutover(String id, ResolvedPlan resolved, String operator, Instant now) {
        this.id = id;
        this.plan = resolved.plan();
        this.operator = operator;
        this.status = CutoverStatus.RUNNING;
        this.step = CutoverStep.FREEZE;
        this.moves = resolved.moves();
        this.skippedUnits = resolved.skippedUnits();
        this.syncMode = resolved.syncMode();
        this.baseVersion = resolved.baseVersion();
        this.createdAt = now;
    }

    StepRecord begin(CutoverStep s, Instant now) {
        StepRecord r = new StepRecord(s, now);
        steps.add(r);
        return r;
    }

    /** Closes a step left open by a stopped service before running it again. */
    void closeInterrupted(Instant now) {
        for (StepRecord r : steps) {
            if (r.outcome() == null) {
                r.finish(now, StepOutcome.INTERRUPTED, "the control center stopped during this step; it ran again after the restart");
            }
        }
    }

    /** Source units whose data must be confirmed in the target (the lost unit of an accepted-loss failover is not). */
    Set<String> sourceUnits() {
        Set<String> sources = new LinkedHashSet<>();
        moves.forEach(m -> sources.add(m.from()));
        sources.removeAll(skippedUnits);
        return sources;
    }

    Set<String> targetUnits() {
        Set<String> targets = new LinkedHashSet<>();
        moves.forEach(m -> targets.add(m.to()));
        return targets;
    }

    public String id() {
        return id;
    }

    public CutoverPlan plan() {
        return plan;
    }

    public String operator() {
        return operator;
    }

    public CutoverStatus status() {
        return status;
    }

    /** The step running now (or to run after a restart); DONE or ROLLBACK at the end. */
    public CutoverStep step() {
        return step;
    }

    public List<SlotMove> moves() {
        return List.copyOf(moves);
    }

    public Set<String> skippedUnits() {
        return Set.copyOf(skippedUnits);
    }

    public boolean dataLossAccepted() {
        return !skippedUnits.isEmpty();
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    public long baseVersion() {
        return baseVersion;
    }

    public Long freezeVersion() {
        return freezeVersion;
    }

    public Long switchVersion() {
        return switchVersion;
    }

    public Long rollbackVersion() {
        return rollbackVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant freezePublishedAt() {
        return freezePublishedAt;
    }

    /** T: from here on no live agent accepts a write of the moving slots. */
    public Instant freezeEffectiveAt() {
        return freezeEffectiveAt;
    }

    public Instant switchAppliedAt() {
        return switchAppliedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Freeze published -> new routes (or the rollback) applied by every live agent; null until then. */
    public Long freezeWindowMillis() {
        return freezeWindowMillis;
    }

    public Map<String, String> syncTokens() {
        return Map.copyOf(syncTokens);
    }

    public List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    /** Which step, unit or agent failed, and why ("CONFIRM_SYNC: ..."); null when nothing failed. */
    public String failure() {
        return failure;
    }

    /** The step whose failure rolled the cutover back; null when nothing failed (and in cutovers saved before it was kept). */
    public CutoverStep failedStep() {
        return failedStep;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    // --- mutations, engine only ---

    void status(CutoverStatus s) {
        this.status = s;
    }

    void step(CutoverStep s) {
        this.step = s;
    }

    void freezeVersion(long v) {
        this.freezeVersion = v;
    }

    void switchVersion(long v) {
        this.switchVersion = v;
    }

    void rollbackVersion(long v) {
        this.rollbackVersion = v;
    }

    void freezePublishedAt(Instant at) {
        if (freezePublishedAt == null) {
            freezePublishedAt = at;
        }
    }

    void freezeEffectiveAt(Instant at) {
        if (freezeEffectiveAt == null) {
            freezeEffectiveAt = at;
        }
    }

    void windowClosedAt(Instant at) {
        if (freezePublishedAt != null) {
            freezeWindowMillis = Duration.between(freezePublishedAt, at).toMillis();
        }
    }

    void switchAppliedAt(Instant at) {
        this.switchAppliedAt = at;
    }

    void finishedAt(Instant at) {
        this.finishedAt = at;
    }

    void syncToken(String unit, String token) {
        syncTokens.put(unit, token);
    }

    boolean replaySent(String unit) {
        return replaysSent.contains(unit);
    }

    void markReplaySent(String unit) {
        replaysSent.add(unit);
    }

    /**
     * Target units whose replay request the REPLAY step could not deliver within its timeout (a broker
     * down or answering late): the control center keeps trying until each has it. Empty while the
     * cutover runs, after a rollback, and once every request is delivered.
     */
    public Set<String> replaysPending() {
        if (status != CutoverStatus.DONE || switchVersion == null) {
            return Set.of();
        }
        Set<String> pending = targetUnits();
        pending.removeAll(replaysSent);
        return java.util.Collections.unmodifiableSet(pending);
    }

    void failure(CutoverStep step, String reason) {
        this.failedStep = step;
        this.failure = step + ": " + reason;
    }

    void warn(String w) {
        warnings.add(w);
    }
}
