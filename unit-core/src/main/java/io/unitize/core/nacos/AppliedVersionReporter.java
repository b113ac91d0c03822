package io.unitize.core.nacos;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Makes "I am agent of kind K in unit U and I have applied version V" visible in the unit's Nacos:
 * one ephemeral instance of {@value RulesChannel#AGENTS_SERVICE} per agent, the facts in its
 * metadata, and one config item {@code ack.<agentId>} in group {@value RulesChannel#ACKS_GROUP}
 * holding the applied version. Ephemeral instances vanish when the agent's connection ends, so a
 * dead agent drops out of {@link AgentDirectory}; the Nacos client registers the instance again
 * after a Nacos restart.
 *
 * <p>The config item is what the control center reads the version from: Nacos serves a changed
 * item to readers within about 100 ms, but changed instance metadata only after its push delay
 * ({@code nacos.naming.push.pushTaskDelay}, 500 ms stock). The version stays in the metadata too,
 * for a control center of an older release. The item is written when the version changes, right
 * after the instance; the re-assertion every {@value #REASSERT_SECONDS} s reads it back and writes it
 * only when it is missing or different (each write adds a history row in Nacos). A clean
 * {@link #close()} removes it; the items of agents killed without closing are removed by the
 * control center's {@link AgentDirectory} after a grace period.
 *
 * <p>An instance is keyed by ip:port in Nacos, so each reporter holds a port of its own: a
 * loopback socket bound for its lifetime (it never accepts), unique among live agents of a host.
 */
public final class AppliedVersionReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppliedVersionReporter.class);
    static final long REASSERT_SECONDS = 5;

    static final String META_AGENT_ID = "unitize.agentId";
    static final String META_KIND = "unitize.kind";
    static final String META_UNIT = "unitize.unit";
    static final String META_VERSION = "unitize.appliedVersion";
    static final String META_PID = "unitize.pid";
    static final String META_HOST = "unitize.host";

    private final NamingService naming;
    private final ConfigService config;
    private final String group;
    private final String kind;
    private final String unit;
    private final String agentId;
    private final String ip;
    private final ServerSocket identity;
    private volatile long reported = -1;
    private long desired = -1;
    private boolean closed;
    private final java.util.concurrent.ScheduledExecutorService reassert;

    AppliedVersionReporter(NamingService naming, ConfigService config, String group, String kind, String unit, String ip) {
        this.naming = naming;
        this.config = config;
        this.group = group;
        this.kind = kind;
        this.unit = unit;
        this.ip = ip;
        this.agentId = kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            this.identity = new ServerSocket();
            identity.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException("UNITIZE-RULE-030 cannot reserve an identity port for agent " + agentId, e);
        }
        // Re-asserts the applied version now and then: after a Nacos restart the client's own
        // re-registration can race with a report and leave an older version listed.
        this.reassert = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "unitize-agent-reassert-" + agentId);
            t.setDaemon(true);
            return t;
        });
        reassert.scheduleWithFixedDelay(this::reassert, REASSERT_SECONDS, REASSERT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }


    public String agentId() {
        return agentId;
    }

    /** The version last made visible. */
    public long reportedVersion() {
        return reported;
    }

    /**
     * Registers or updates this agent's instance, then writes its acknowledgement item, with
     * {@code appliedVersion}. The instance first: its update is an in-memory change on the server and
     * starts Nacos' push delay at once, while the item's write waits for the config store; a reader
     * sees whichever arrives first (with a short push delay the metadata may, with the stock one the item does).
     */
    public synchronized void report(long appliedVersion) {
        boolean changed = desired != appliedVersion;
        desired = appliedVersion;
        register(appliedVersion, true);
        if (changed) { // the same version again is left to the re-assertion, which reads the item back first
            publishAck(appliedVersion, true);
        }
    }

    private synchronized void reassert() {
        if (!closed && desired >= 0) {
            reassertAck(desired);
            register(desired, false);
        }
    }

    /** Reads the item back and writes it only when it is missing or holds another version. */
    private void reassertAck(long appliedVersion) {
        String current;
        try {
            current = config.getConfig(AckItems.dataId(agentId), RulesChannel.ACKS_GROUP, 3_000);
        } catch (NacosException e) {
            log.debug("read-back of the acknowledgement of agent {} failed: {}", agentId, e.getErrMsg());
            return;
        }
        if (AckItems.needsPublish(current, appliedVersion)) {
            publishAck(appliedVersion, false);
        }
    }

    private void publishAck(long appliedVersion, boolean warn) {
        String dataId = AckItems.dataId(agentId);
        String failure;
        try {
            if (config.publishConfig(dataId, RulesChannel.ACKS_GROUP, AckItems.content(appliedVersion))) {
                return;
            }
            failure = "Nacos did not accept the write";
        } catch (NacosException e) {
            failure = e.getErrMsg();
        }
        if (!warn) { // a re-assertion: the first failure was logged already
            log.debug("re-assertion of the acknowledgement of version {} by agent {} failed: {}", appliedVersion, agentId, failure);
            return;
        }
        log.warn("UNITIZE-RULE-032 agent {} could not write its acknowledgement of version {} ({} in group {}) to unit {}'s"
                + " Nacos: {}. Next: it is retried every {} s; check the Nacos address and that the agent's Nacos user may"
                + " write group {}", agentId, appliedVersion, dataId, RulesChannel.ACKS_GROUP, unit, failure,
                REASSERT_SECONDS, RulesChannel.ACKS_GROUP);
    }

    private void register(long appliedVersion, boolean warn) {
        Instance instance = new Instance();
        instance.setIp(ip);
        instance.setPort(identity.getLocalPort());
        instance.setEphemeral(true);
        instance.setClusterName(unit);
        Map<String, String> meta = new HashMap<>();
        meta.put(META_AGENT_ID, agentId);
        meta.put(META_KIND, kind);
        meta.put(META_UNIT, unit);
        meta.put(META_VERSION, Long.toString(appliedVersion));
        meta.put(META_PID, Long.toString(ProcessHandle.current().pid()));
        meta.put(META_HOST, hostName());
        instance.setMetadata(meta);
        try {
            naming.registerInstance(RulesChannel.AGENTS_SERVICE, group, instance);
            reported = appliedVersion;
        } catch (NacosException e) {
            // The Nacos client keeps the registration and redoes it when the server is back.
            if (!warn) {
                log.debug("re-assertion of version {} by agent {} failed: {}", appliedVersion, agentId, e.getErrMsg());
                return;
            }
            log.warn("UNITIZE-RULE-031 agent {} could not report applied version {} to unit {}'s Nacos: {}. "
                    + "Next: it is retried when Nacos is reachable; check the Nacos address", agentId, appliedVersion, unit, e.getErrMsg());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Removes the acknowledgement item and deregisters the instance (a clean stop); a crash is
     * noticed by Nacos when the connection ends.
     */
    @Override
    public void close() {
        reassert.shutdownNow();
        synchronized (this) {
            closed = true;
        }
        try {
            config.removeConfig(AckItems.dataId(agentId), RulesChannel.ACKS_GROUP);
        } catch (NacosException e) {
            log.debug("removal of the acknowledgement of {} failed: {}", agentId, e.getErrMsg());
        }
        try {
            naming.deregisterInstance(RulesChannel.AGENTS_SERVICE, group, ip, identity.getLocalPort(),
                    unit);
        } catch (NacosException e) {
            log.debug("deregister of {} failed: {}", agentId, e.getErrMsg());
        }
        try {
            identity.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    static AgentStatus parse(Instance i) {
        Map<String, String> m = i.getMetadata();
        return new AgentStatus(m.get(META_AGENT_ID), m.get(META_KIND), m.get(META_UNIT),
                parseLong(m.get(META_VERSION)), m.getOrDefault(META_HOST, i.getIp()), parseLong(m.get(META_PID)));
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
