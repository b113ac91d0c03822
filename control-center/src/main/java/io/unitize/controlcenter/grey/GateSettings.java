package io.unitize.controlcenter.grey;

import java.util.ArrayList;
import java.util.List;

/**
 * Which gates every wave of a plan passes.
 *
 * @param dataCheck    compare the wave's slots, source vs target
 * @param maxLagMillis replication lag bound between the plan's units (both directions); null = no lag gate
 * @param soakMillis   how long to watch the mis-route audit after the wave's switch; 0 = no soak
 * @param approval     wait for an operator's approval after the automatic gates
 */
public record GateSettings(boolean dataCheck, Long maxLagMillis, long soakMillis, boolean approval) {

    /** The gates in the order they run. */
    public List<GateKind> gates() {
        List<GateKind> g = new ArrayList<>();
        if (dataCheck) {
            g.add(GateKind.DATA_CHECK);
        }
        if (maxLagMillis != null) {
            g.add(GateKind.REPLICATION_LAG);
        }
        if (soakMillis > 0) {
            g.add(GateKind.SOAK);
        }
        if (approval) {
            g.add(GateKind.APPROVAL);
        }
        return List.copyOf(g);
    }
}
