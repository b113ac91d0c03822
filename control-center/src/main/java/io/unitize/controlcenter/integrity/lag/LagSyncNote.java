package io.unitize.controlcenter.integrity.lag;

import io.unitize.controlcenter.cutover.SyncLagNote;

/** CONFIRM_SYNC's detail gets the lag of each confirmed direction as the heartbeat measured it then. */
public final class LagSyncNote implements SyncLagNote {

    private final HeartbeatMonitor monitor;

    public LagSyncNote(HeartbeatMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public String noteFor(String sourceUnit, String targetUnit) {
        return monitor.lag(sourceUnit, targetUnit).map(ReplicationLag::describe).orElse("");
    }
}
