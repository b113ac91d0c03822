package io.unitize.controlcenter.cutover;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The forward steps in order, and the rollback, built from the ports: the one place that says which class runs which step. */
final class CutoverSteps {

    private final Map<CutoverStep, StepAction> forward;
    private final RollbackStep rollback;
    private final ConfirmSyncStep confirmSync;

    CutoverSteps(StepPorts ports) {
        RulesPublication publication = new RulesPublication(ports);
        AgentAckWait acks = new AgentAckWait(ports);
        Map<CutoverStep, StepAction> steps = new EnumMap<>(CutoverStep.class);
        this.confirmSync = new ConfirmSyncStep(ports);
        for (StepAction a : List.of(new FreezeStep(ports, publication), new ConfirmFreezeStep(ports, acks), new MarkStep(ports),
                confirmSync, new SwitchStep(ports, publication, acks), new ReplayStep(ports))) {
            steps.put(a.step(), a);
        }
        this.forward = Map.copyOf(steps);
        this.rollback = new RollbackStep(ports, publication, acks);
    }

    StepAction forward(CutoverStep step) {
        StepAction a = forward.get(step);
        if (a == null) {
            throw new IllegalStateException("not a forward step: " + step);
        }
        return a;
    }

    ConfirmSyncStep confirmSync() {
        return confirmSync;
    }

    RollbackStep rollback() {
        return rollback;
    }
}
