package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.unitize.core.UnitizeException;

import java.util.Comparator;
import java.util.List;

/**
 * Lists the live agents of one unit with the rules version each has applied, straight from the
 * unit's Nacos (not a cached view), for the control center's "wait until every agent applied v".
 */
public final class AgentDirectory implements AutoCloseable {

    private final String unit;
    private final NamingService naming;
    private final String group;
    private final String serverAddr;
    private final NacosCredentials credentials;

    private AgentDirectory(String unit, String serverAddr, NacosCredentials credentials, NamingService naming, String group) {
        this.unit = unit;
        this.serverAddr = serverAddr;
        this.credentials = credentials;
        this.naming = naming;
        this.group = group;
    }

    /** A directory over the Nacos of {@code unit} at {@code serverAddr}. */
    public static AgentDirectory connect(String unit, String serverAddr) {
        return connect(unit, serverAddr, null, RulesChannel.DEFAULT_GROUP);
    }

    public static AgentDirectory connect(String unit, String serverAddr, String namespace, String group) {
        return connect(unit, serverAddr, namespace, group, NacosCredentials.NONE);
    }

    /** A directory over a Nacos with authentication on, reading as {@code credentials}. */
    public static AgentDirectory connect(String unit, String serverAddr, String namespace, String group, NacosCredentials credentials) {
        try {
            return new AgentDirectory(unit, serverAddr, credentials,
                    NacosFactory.createNamingService(RulesChannel.clientProperties(serverAddr, namespace, credentials)), group);
        } catch (NacosException e) {
            throw new UnitizeException("UNITIZE-RULE-040 cannot create a Nacos naming client for unit " + unit + " at "
                    + serverAddr + ": " + e.getErrMsg(), e);
        }
    }

    public String unit() {
        return unit;
    }

    /** Every live (healthy, registered) agent of this unit, ordered by kind then id. */
    public List<AgentStatus> liveAgents() {
        try {
            List<Instance> instances = naming.selectInstances(RulesChannel.AGENTS_SERVICE, group, true, false);
            return instances.stream().map(AppliedVersionReporter::parse)
                    .sorted(Comparator.comparing(AgentStatus::kind).thenComparing(AgentStatus::agentId)).toList();
        } catch (NacosException e) {
            if (RulesChannel.isAuthRefusal(e)) {
                throw new NacosAuthenticationException("UNITIZE-RULE-042 " + RulesChannel.authRefusal("listing the agents of unit "
                        + unit, serverAddr, credentials, e, "the unit's Nacos username/password or access key/secret key"), e);
            }
            throw new UnitizeException("UNITIZE-RULE-041 cannot list the agents of unit " + unit + ": " + e.getErrMsg()
                    + "; check that unit's Nacos", e);
        }
    }

    @Override
    public void close() {
        try {
            naming.shutDown();
        } catch (NacosException ignored) {
            // closing anyway
        }
    }
}
