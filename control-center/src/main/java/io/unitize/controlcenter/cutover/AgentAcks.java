package io.unitize.controlcenter.cutover;

import io.unitize.core.nacos.AgentStatus;

import java.util.List;

/** The live agents of each unit and the rules version each has applied. */
public interface AgentAcks {

    /**
     * Every live agent of {@code unit}.
     *
     * @throws io.unitize.core.UnitizeException if the unit's directory cannot be read
     */
    List<AgentStatus> liveAgents(String unit);
}
