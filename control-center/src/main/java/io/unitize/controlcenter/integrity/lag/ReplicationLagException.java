package io.unitize.controlcenter.integrity.lag;

import io.unitize.controlcenter.cutover.CutoverConflictException;

/**
 * A cutover refused before it started: replication from a source unit to the target is behind by
 * more than {@code max-lag}. Nothing was changed.
 */
public class ReplicationLagException extends CutoverConflictException {

    private final ReplicationLag lag;
    private final long maxLagMillis;

    public ReplicationLagException(ReplicationLag lag, long maxLagMillis) {
        super("cutover refused: " + lag.describe() + " is over the bound of " + maxLagMillis
                + " ms (unitize.control-center.integrity.heartbeat.max-lag); the data of the moving slots would take "
                + "that long to reach unit " + lag.target() + ". Next: wait until GET /api/v1/replication/lag shows "
                + lag.direction() + " under the bound, or repair the replication", null);
        this.lag = lag;
        this.maxLagMillis = maxLagMillis;
    }

    public ReplicationLag lag() {
        return lag;
    }

    public long maxLagMillis() {
        return maxLagMillis;
    }
}
