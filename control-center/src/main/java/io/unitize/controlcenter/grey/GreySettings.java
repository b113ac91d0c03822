package io.unitize.controlcenter.grey;

import java.time.Duration;

/**
 * The runner's bounds.
 *
 * @param poll             how often a wave's cutover, a gate and an approval are looked at
 * @param dataCheckTimeout how long DATA_CHECK waits for the check to finish
 * @param lagWait          how long REPLICATION_LAG waits for the lag to be measured under the bound
 * @param rollbackAttempts how many times a wave's move back to its source is tried (a cutover that rolls back is tried again)
 */
public record GreySettings(Duration poll, Duration dataCheckTimeout, Duration lagWait, int rollbackAttempts) {

    public GreySettings {
        if (poll.isNegative() || poll.isZero() || dataCheckTimeout.isNegative() || lagWait.isNegative() || rollbackAttempts < 1) {
            throw new IllegalArgumentException("grey settings must be positive: " + poll + ", " + dataCheckTimeout + ", " + lagWait
                    + ", " + rollbackAttempts);
        }
    }
}
