package io.unitize.controlcenter.channel;

import io.unitize.controlcenter.cutover.AgentAcks;
import io.unitize.core.UnitizeException;
import io.unitize.core.nacos.AgentDirectory;
import io.unitize.core.nacos.AgentStatus;

import java.util.List;
import java.util.Map;

/** Reads each unit's agents from that unit's Nacos through unit-core's {@link AgentDirectory}. */
public class NacosAgentAcks implements AgentAcks, AutoCloseable {

    private final Map<String, AgentDirectory> directories;

    public NacosAgentAcks(Map<String, AgentDirectory> directories) {
        this.directories = Map.copyOf(directories);
    }

    @Override
    public List<AgentStatus> liveAgents(String unit) {
        AgentDirectory d = directories.get(unit);
        if (d == null) {
            throw new UnitizeException("unit " + unit + " is not configured in unitize.control-center.units");
        }
        return d.liveAgents();
    }

    @Override
    public void close() {
        directories.values().forEach(AgentDirectory::close);
    }
}
