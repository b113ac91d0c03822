package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.SlotRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A grey cutover as stored: slots {@code from..to} move to {@code toUnit} in waves, each a full
 * confirmed cutover followed by its gates. Saved after every change, so a restarted control center
 * resumes it where it stopped ({@link GreyPlans#resumeUnfinished()}). Only the thread that drives a
 * plan mutates it; readers get copies from the {@link GreyPlanRepository}.
 */
public final class GreyPlan {

    private String id;
    private String operator;
    private String reason;
    private int from;
    private int to;
    private String toUnit;
    private SyncMode syncMode;
    private GateSettings gateSettings;
    private GreyStatus status;
    /** What ROLLING_BACK ends as: FAILED (a gate) or ABORTED (an operator). */
    private GreyStatus endStatus;
    private List<Wave> waves = new ArrayList<>();
    private Instant createdAt;
    private Instant finishedAt;
    private String failure;
    private String abortedBy;

    GreyPlan() {
        // for the store's JSON mapping
    }

    GreyPlan(String id, String operator, GreyPlanRequest request, List<SlotRange> waveRanges, GateSettings gates, Instant now) {
        this.id = id;
        this.operator = operator;
        this.reason = request.reason();
        this.from = request.from();
        this.to = request.to();
        this.toUnit = request.toUnit();
        this.syncMode = request.syncMode();
        this.gateSettings = gates;
        this.status = GreyStatus.RUNNING;
        this.createdAt = now;
        for (int i = 0; i < waveRanges.size(); i++) {
            waves.add(new Wave(i + 1, waveRanges.get(i)));
        }
    }

    public String id() {
        return id;
    }

    public String operator() {
        return operator;
    }

    public String reason() {
        return reason;
    }

    public SlotRange range() {
        return SlotRange.of(from, to);
    }

    public String toUnit() {
        return toUnit;
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    public GateSettings gateSettings() {
        return gateSettings;
    }

    public GreyStatus status() {
        return status;
    }

    public List<Wave> waves() {
        return List.copyOf(waves);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Which wave and gate failed and why; null while nothing failed. */
    public String failure() {
        return failure;
    }

    public String abortedBy() {
        return abortedBy;
    }

    /** The wave being worked on: the first one not PASSED (null when every wave passed or the plan ended). */
    Wave current() {
        return waves.stream().filter(w -> w.status() != WaveStatus.PASSED && w.status() != WaveStatus.NOT_RUN)
                .findFirst().orElse(null);
    }

    /** The tag every cutover of this plan carries in its reason; finds a cutover started just before a restart. */
    String tag(Wave w) {
        return "grey " + id + " wave " + w.index() + "/" + waves.size();
    }

    void status(GreyStatus s) {
        this.status = s;
    }

    /** Stops the plan at {@code w}: it rolls back, later waves never run, the plan ends {@code end}. */
    void stopAt(Wave w, GreyStatus end, String why) {
        this.failure = why;
        this.endStatus = end;
        w.status(WaveStatus.ROLLING_BACK);
        this.status = GreyStatus.ROLLING_BACK;
    }

    /** Ends the plan: every wave that had not started is NOT_RUN. */
    void end(GreyStatus s, String why, Instant at) {
        if (why != null && failure == null) {
            failure = why;
        }
        waves.stream().filter(w -> w.status() == WaveStatus.PENDING).forEach(w -> w.status(WaveStatus.NOT_RUN));
        this.status = s;
        this.finishedAt = at;
    }

    GreyStatus endStatus() {
        return endStatus == null ? GreyStatus.FAILED : endStatus;
    }

    void abortedBy(String who) {
        this.abortedBy = who;
    }
}
