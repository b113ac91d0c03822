package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.nacos.AgentStatus;

import java.util.List;
import java.util.Set;

/**
 * What a plan would do, computed without changing anything.
 *
 * @param agentsToAcknowledge every live agent that must apply the freeze and the new routes
 * @param steps               each step with its bound
 */
public record DryRun(long baseVersion, List<SlotMove> moves, Set<String> skippedUnits, boolean dataLossAccepted,
                     SyncMode syncMode, List<AgentStatus> agentsToAcknowledge, List<String> unreachableUnits,
                     List<PlannedStep> steps) {

    public record PlannedStep(CutoverStep step, String description, long timeoutMillis, boolean skipped) {
    }
}
