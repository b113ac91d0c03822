package io.unitize.controlcenter.web;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.CutoverStatus;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.controlcenter.cutover.StepRecord;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.SlotMove;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A cutover and its progress, as the API shows it. */
public record CutoverView(String id, CutoverStatus status, CutoverStep step, String operator, String reason,
                          List<SlotMove> moves, Set<String> skippedUnits, boolean dataLossAccepted, SyncMode syncMode,
                          long baseVersion, Long freezeVersion, Long switchVersion, Long rollbackVersion,
                          Instant createdAt, Instant freezePublishedAt, Instant freezeEffectiveAt, Instant switchAppliedAt,
                          Instant finishedAt, Long freezeWindowMillis, Map<String, String> syncTokens,
                          List<StepView> steps, String failure, List<String> warnings, Set<String> replaysPending,
                          CutoverPlan plan) {

    public record StepView(CutoverStep step, Instant startedAt, Instant finishedAt, Long millis, String outcome, String detail) {

        static StepView of(StepRecord r) {
            return new StepView(r.step(), r.startedAt(), r.finishedAt(), r.millis(), r.outcome() == null ? null : r.outcome().label(), r.detail());
        }
    }

    static CutoverView of(Cutover c) {
        return new CutoverView(c.id(), c.status(), c.step(), c.operator(), c.plan().reason(), c.moves(), c.skippedUnits(),
                c.dataLossAccepted(), c.syncMode(), c.baseVersion(), c.freezeVersion(), c.switchVersion(), c.rollbackVersion(),
                c.createdAt(), c.freezePublishedAt(), c.freezeEffectiveAt(), c.switchAppliedAt(), c.finishedAt(),
                c.freezeWindowMillis(), c.syncTokens(), c.steps().stream().map(StepView::of).toList(), c.failure(),
                c.warnings(), c.replaysPending(), c.plan());
    }
}
