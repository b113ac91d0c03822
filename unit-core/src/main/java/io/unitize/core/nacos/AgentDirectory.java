package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.unitize.core.UnitizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the live agents of one unit with the rules version each has applied, for the control
 * center's "wait until every agent applied v". Who is alive comes straight from the unit's Nacos
 * naming (the ephemeral instances of {@value RulesChannel#AGENTS_SERVICE}, not a cached view); the
 * version from each agent's acknowledgement config item {@code ack.<agentId>} in group
 * {@value RulesChannel#ACKS_GROUP}, which Nacos serves about 400 ms sooner than changed instance
 * metadata. An agent of an older release without such an item is listed with its metadata's version.
 *
 * <p>The items are read through config listeners, one per live agent: added when the agent is
 * first listed (with the item's content read at once), removed when it drops out of naming; each
 * holds the last content pushed. There is no per-call read, so a tight wait loop costs no Nacos
 * requests beyond the naming query.
 *
 * <p>The item of an agent that was killed (no clean close) outlives it: once an agent has been
 * out of naming for {@link #DEFAULT_ACK_GRACE} its item is removed, during a later
 * {@link #liveAgents()} call. This needs write permission on the group for the directory's Nacos
 * user; a refusal is logged (UNITIZE-RULE-043) and retried after another grace period. Items of
 * agents that died while no directory was listing them are not found (they are small and harmless).
 *
 * <p>Thread-safe.
 */
public final class AgentDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);
    /** How long an agent is out of naming before the directory removes its acknowledgement item. */
    public static final Duration DEFAULT_ACK_GRACE = Duration.ofMinutes(10);
    private static final long READ_TIMEOUT_MS = 3_000;

    private final String unit;
    private final NamingService naming;
    private final ConfigService config;
    private final String group;
    private final String serverAddr;
    private final NacosCredentials credentials;
    private final Map<String, AckWatch> watches = new HashMap<>();
    private AckItems.Departures departures = new AckItems.Departures(DEFAULT_ACK_GRACE.toNanos());

    private AgentDirectory(String unit, String serverAddr, NacosCredentials credentials, NamingService naming,
            ConfigService config, String group) {
        this.unit = unit;
        this.serverAddr = serverAddr;
        this.credentials = credentials;
        this.naming = naming;
        this.config = config;
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
        NamingService naming;
        try {
            naming = NacosFactory.createNamingService(RulesChannel.clientProperties(serverAddr, namespace, credentials));
        } catch (NacosException e) {
            throw new UnitizeException("UNITIZE-RULE-040 cannot create a Nacos naming client for unit " + unit + " at "
                    + serverAddr + ": " + e.getErrMsg(), e);
        }
        try {
            ConfigService config = NacosFactory.createConfigService(RulesChannel.clientProperties(serverAddr, namespace, credentials));
            return new AgentDirectory(unit, serverAddr, credentials, naming, config, group);
        } catch (NacosException e) {
            shutdown(naming);
            throw new UnitizeException("UNITIZE-RULE-040 cannot create a Nacos config client for unit " + unit + " at "
                    + serverAddr + ": " + e.getErrMsg(), e);
        }
    }

    /** Sets how long an agent is out of naming before its acknowledgement item is removed (tests use a short one). */
    synchronized AgentDirectory ackGrace(Duration grace) {
        departures = new AckItems.Departures(grace.toNanos());
        return this;
    }

    public String unit() {
        return unit;
    }

    /** Every live (healthy, registered) agent of this unit, ordered by kind then id. */
    public List<AgentStatus> liveAgents() {
        List<Instance> instances;
        try {
            instances = naming.selectInstances(RulesChannel.AGENTS_SERVICE, group, true, false);
        } catch (NacosException e) {
            throw refusalOrFailure("listing the agents of unit " + unit, e);
        }
        List<AgentStatus> listed = instances.stream().map(AppliedVersionReporter::parse).filter(a -> a.agentId() != null).toList();
        List<AgentStatus> out = new ArrayList<>(listed.size());
        synchronized (this) {
            Set<String> live = new HashSet<>();
            for (AgentStatus a : listed) {
                live.add(a.agentId());
            }
            long now = System.nanoTime();
            for (String id : List.copyOf(watches.keySet())) {
                if (!live.contains(id)) {
                    unwatch(id);
                    departures.gone(id, now);
                }
            }
            for (AgentStatus a : listed) {
                AckWatch w = watches.get(a.agentId());
                if (w == null) {
                    w = watch(a.agentId());
                }
                long version = AckItems.appliedVersion(w.version, a.appliedVersion());
                out.add(version == a.appliedVersion() ? a
                        : new AgentStatus(a.agentId(), a.kind(), a.unit(), version, a.host(), a.pid()));
            }
            for (String id : departures.due(live, now)) {
                removeLeftOver(id);
            }
        }
        out.sort(Comparator.comparing(AgentStatus::kind).thenComparing(AgentStatus::agentId));
        return List.copyOf(out);
    }

    private UnitizeException refusalOrFailure(String what, NacosException e) {
        if (RulesChannel.isAuthRefusal(e)) {
            return new NacosAuthenticationException("UNITIZE-RULE-042 " + RulesChannel.authRefusal(what, serverAddr, credentials, e,
                    "the unit's Nacos username/password or access key/secret key"), e);
        }
        return new UnitizeException("UNITIZE-RULE-041 cannot list the agents of unit " + unit + ": " + e.getErrMsg()
                + "; check that unit's Nacos", e);
    }

    /** Starts listening to an agent's item and reads its content now; the caller holds the lock. */
    private AckWatch watch(String agentId) {
        AckWatch w = new AckWatch();
        String content;
        try {
            content = config.getConfigAndSignListener(AckItems.dataId(agentId), RulesChannel.ACKS_GROUP, READ_TIMEOUT_MS, w);
        } catch (NacosException e) {
            if (RulesChannel.isAuthRefusal(e)) { // the user may list agents but not read group UNITIZE_ACKS
                throw refusalOrFailure("reading the acknowledgement " + AckItems.dataId(agentId) + " (group "
                        + RulesChannel.ACKS_GROUP + ") of an agent of unit " + unit, e);
            }
            // the listener may not be on: try again on the next call, meanwhile the metadata's version counts
            log.debug("reading the acknowledgement of agent {} of unit {} failed: {}", agentId, unit, e.getErrMsg());
            config.removeListener(AckItems.dataId(agentId), RulesChannel.ACKS_GROUP, w);
            return w;
        }
        w.initial(content);
        watches.put(agentId, w);
        departures.seen(agentId);
        return w;
    }

    private void unwatch(String agentId) {
        AckWatch w = watches.remove(agentId);
        if (w != null) {
            config.removeListener(AckItems.dataId(agentId), RulesChannel.ACKS_GROUP, w);
        }
    }

    private void removeLeftOver(String agentId) {
        String dataId = AckItems.dataId(agentId);
        String failure;
        try {
            if (config.removeConfig(dataId, RulesChannel.ACKS_GROUP)) {
                log.info("UNITIZE-RULE-044 removed the acknowledgement item {} of agent {}, out of unit {}'s Nacos naming for"
                        + " over the grace period (it stopped without a clean close)", dataId, agentId, unit);
                return;
            }
            failure = "Nacos did not accept the removal";
        } catch (NacosException e) {
            failure = e.getErrCode() + ": " + e.getErrMsg();
        }
        departures.gone(agentId, System.nanoTime());
        log.warn("UNITIZE-RULE-043 cannot remove the left-over acknowledgement item {} (group {}) of departed agent {} from"
                + " unit {}'s Nacos: {}. Next: retried after another grace period; give the control center's Nacos user"
                + " write permission on group {}, or delete the item by hand", dataId, RulesChannel.ACKS_GROUP, agentId,
                unit, failure, RulesChannel.ACKS_GROUP);
    }

    /** How many agents' items are listened to now (for tests). */
    synchronized int watchedAgents() {
        return watches.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            for (String id : List.copyOf(watches.keySet())) {
                unwatch(id);
            }
        }
        try {
            config.shutDown();
        } catch (NacosException ignored) {
            // closing anyway
        }
        shutdown(naming);
    }

    private static void shutdown(NamingService naming) {
        try {
            naming.shutDown();
        } catch (NacosException ignored) {
            // closing anyway
        }
    }

    /** The last content of one agent's item, as pushed by Nacos; -1 while there is none. */
    private static final class AckWatch extends AbstractListener {
        volatile long version = -1;
        private boolean pushed;

        /** The content read when the listener was added, unless a push came first (it is newer). */
        synchronized void initial(String content) {
            if (!pushed) {
                version = AckItems.parse(content);
            }
        }

        @Override
        public synchronized void receiveConfigInfo(String content) {
            pushed = true;
            version = AckItems.parse(content);
        }
    }
}
