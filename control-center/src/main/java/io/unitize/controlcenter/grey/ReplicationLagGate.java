package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.integrity.lag.ReplicationLag;
import io.unitize.core.SlotMove;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * REPLICATION_LAG: the replication between the wave's units is under the plan's bound in both
 * directions (source to target carries the next wave's data, target to source a rollback's). A
 * direction over the bound or not measured is looked at again until the gate's deadline, then fails
 * with the last measurement.
 */
public final class ReplicationLagGate implements Gate {

    private final BiFunction<String, String, Optional<ReplicationLag>> lags;

    public ReplicationLagGate(BiFunction<String, String, Optional<ReplicationLag>> lags) {
        this.lags = lags;
    }

    @Override
    public GateKind kind() {
        return GateKind.REPLICATION_LAG;
    }

    @Override
    public Verdict check(GateContext ctx) throws InterruptedException {
        long bound = ctx.plan().gateSettings().maxLagMillis();
        Set<List<String>> directions = new LinkedHashSet<>();
        for (SlotMove m : ctx.wave().moves()) {
            directions.add(List.of(m.from(), m.to()));
            directions.add(List.of(m.to(), m.from()));
        }
        String problem;
        do {
            List<String> seen = new ArrayList<>();
            problem = null;
            for (List<String> d : directions) {
                Optional<ReplicationLag> lag = lags.apply(d.get(0), d.get(1));
                if (lag.isEmpty() || lag.get().lagMillis() == null) {
                    problem = "replication lag " + d.get(0) + "->" + d.get(1) + " not measured"
                            + lag.map(l -> " (" + l.describe() + ")").orElse(" (no heartbeat between these units)");
                } else if (lag.get().exceeds(bound)) {
                    problem = lag.get().describe() + " is over the bound of " + bound + " ms";
                } else {
                    seen.add(lag.get().describe());
                }
            }
            if (problem == null) {
                return Verdict.pass(String.join("; ", seen) + "; bound " + bound + " ms");
            }
        } while (ctx.waitMore());
        return Verdict.fail(problem + " until " + ctx.deadline() + " (unitize.control-center.grey.lag-wait). Next: GET "
                + "/api/v1/replication/lag; repair the replication");
    }
}
