package io.unitize.controlcenter.integrity.lag;

import io.unitize.core.SlotMove;

import java.util.Collection;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start a cutover while the replication from one of its source units to its target is
 * behind by more than {@code maxLagMillis}. A direction not measured yet (the control center has
 * just started) is let through: the CONFIRM_SYNC step still waits for the data; the gate is the
 * early, typed refusal for a replication that is known to be behind. Units whose data loss the plan
 * accepts (emergency failover) are not checked.
 */
public final class LagGate {

    private final BiFunction<String, String, Optional<ReplicationLag>> lags;
    private final long maxLagMillis;

    public LagGate(BiFunction<String, String, Optional<ReplicationLag>> lags, long maxLagMillis) {
        if (maxLagMillis <= 0) {
            throw new IllegalArgumentException("maxLagMillis must be > 0, but was " + maxLagMillis);
        }
        this.lags = lags;
        this.maxLagMillis = maxLagMillis;
    }

    /** @throws ReplicationLagException naming the first direction over the bound */
    public void check(Collection<SlotMove> moves, Set<String> dataLossAccepted) {
        for (SlotMove m : moves) {
            if (dataLossAccepted.contains(m.from())) {
                continue;
            }
            Optional<ReplicationLag> lag = lags.apply(m.from(), m.to());
            if (lag.isPresent() && lag.get().exceeds(maxLagMillis)) {
                throw new ReplicationLagException(lag.get(), maxLagMillis);
            }
        }
    }

    public long maxLagMillis() {
        return maxLagMillis;
    }
}
