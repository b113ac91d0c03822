package io.unitize.controlcenter.cutover;

import io.unitize.core.nacos.AgentStatus;

import java.util.ArrayList;
import java.util.List;

/** Waits until every live agent of the units a cutover does not skip has applied a version. */
final class AgentAckWait {

    private final StepPorts ports;

    AgentAckWait(StepPorts ports) {
        this.ports = ports;
    }

    /**
     * @return how many live agents there are
     * @throws StepFailedException naming each agent behind (and each unit whose directory cannot be read) when the deadline passes
     */
    int await(Cutover c, long version, Deadline deadline, Retry.Check check) throws InterruptedException, StepFailedException {
        return ports.retry(() -> {
                    List<String> behind = new ArrayList<>();
                    int live = 0;
                    for (String unit : ports.rules().units()) {
                        if (c.skippedUnits().contains(unit)) {
                            continue;
                        }
                        try {
                            for (AgentStatus a : ports.acks().liveAgents(unit)) {
                                live++;
                                if (a.appliedVersion() < version) {
                                    behind.add("agent " + a.agentId() + " (" + a.kind() + ") in unit " + unit + " at " + a.host()
                                            + " pid " + a.pid() + " has applied version " + a.appliedVersion());
                                }
                            }
                        } catch (RuntimeException e) {
                            behind.add("unit " + unit + ": " + e.getMessage());
                        }
                    }
                    return behind.isEmpty() ? Retry.Try.done(live) : Retry.Try.<Integer>notYet(String.join("; ", behind));
                })
                .every(ports.settings().pollInterval()).until(deadline).checking(check)
                .failingWith((behind, error) -> "not every live agent applied version " + version + " within " + deadline
                        + ": " + behind)
                .run();
    }
}
