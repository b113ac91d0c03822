package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitDirectoryListener;
import io.unitize.core.UnitRules;
import io.unitize.core.UnitizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every agent uses to receive the rules: subscribes to the document in its unit's Nacos,
 * validates each push, refuses an invalid or not-newer one (coded log line + {@link #metrics()}),
 * and otherwise compiles it, hands it to the agent's {@link RulesListener}s, swaps it in
 * atomically, writes the local snapshot file and then reports the version as applied
 * ({@link AppliedVersionReporter}).
 *
 * <pre>{@code
 * RulesSubscriber rules = RulesSubscriber.builder()
 *         .serverAddr("127.0.0.1:8848").unit("unit-b").agentKind("gateway")
 *         .snapshotFile(Path.of("/var/lib/myapp/unitize-rules.json"))
 *         .listener(router::swap)
 *         .build().start();
 * UnitDefinition home = rules.snapshot().unitOf(buyerId);   // an array read
 * }</pre>
 *
 * Start-up with Nacos unreachable uses the snapshot file if there is one; the Nacos client
 * reconnects by itself and the next push (or the document changed while it was away) is applied.
 */
public final class RulesSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesSubscriber.class);

    private final Builder cfg;
    private final List<RulesListener> listeners;
    private final SubscriberMetrics metrics = new SubscriberMetrics();
    private final Object applyLock = new Object();
    private volatile RulesSnapshot current;
    private ConfigService config;
    private NamingService naming;
    private AppliedVersionReporter reporter;
    private AbstractListener nacosListener;

    private RulesSubscriber(Builder b) {
        this.cfg = b;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.listeners.add(0, DirectoryChanges.refusingIndexChanges(() -> current)); // ahead of every agent's listener
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, applies the document in force (or the snapshot file when Nacos cannot be read),
     * registers the agent and starts listening. Returns even when no rules could be had at all:
     * then {@link #snapshot()} throws {@link RulesUnavailableException} until a push arrives.
     */
    public RulesSubscriber start() {
        try {
            config = NacosFactory.createConfigService(RulesChannel.clientProperties(cfg.serverAddr, cfg.namespace, cfg.credentials));
            naming = NacosFactory.createNamingService(RulesChannel.clientProperties(cfg.serverAddr, cfg.namespace, cfg.credentials));
        } catch (NacosException e) {
            throw new UnitizeException("UNITIZE-RULE-010 cannot create Nacos clients for " + cfg.serverAddr + ": " + e.getErrMsg(), e);
        }
        reporter = new AppliedVersionReporter(naming, cfg.group, cfg.agentKind, cfg.unit, cfg.reportIp);
        nacosListener = new AbstractListener() {
            @Override
            public void receiveConfigInfo(String content) {
                offer(content, "push");
            }
        };
        String initial = null;
        try {
            initial = config.getConfigAndSignListener(cfg.dataId, cfg.group, cfg.initialTimeout.toMillis(), nacosListener);
        } catch (NacosException e) {
            if (RulesChannel.isAuthRefusal(e)) {
                close();
                throw new NacosAuthenticationException("UNITIZE-RULE-017 agent " + cfg.agentKind + " in unit " + cfg.unit + ": "
                        + RulesChannel.authRefusal("reading rules " + cfg.dataId, cfg.serverAddr, cfg.credentials, e,
                        "unitize.rules.username and unitize.rules.password (or access-key and secret-key)"), e);
            }
            log.warn("UNITIZE-RULE-011 cannot read rules {} from unit {}'s Nacos at {}: {}. Next: using the local snapshot "
                    + "if there is one; the subscription stays on and applies the document when Nacos is back",
                    cfg.dataId, cfg.unit, cfg.serverAddr, e.getErrMsg());
            try {
                config.addListener(cfg.dataId, cfg.group, nacosListener);
            } catch (NacosException ex) {
                throw new UnitizeException("UNITIZE-RULE-010 cannot subscribe to " + cfg.dataId + ": " + ex.getErrMsg(), ex);
            }
        }
        if (initial != null) {
            offer(initial, "start");
        } else {
            loadSnapshotFile();
        }
        synchronized (applyLock) { // a push may have been applied meanwhile: report what is in force now
            reporter.report(versionInForce());
        }
        return this;
    }

    private void loadSnapshotFile() {
        if (cfg.snapshotFile == null || !Files.exists(cfg.snapshotFile)) {
            log.warn("UNITIZE-RULE-012 agent {} in unit {} has no rules: none in Nacos and no snapshot file{}. "
                    + "Next: publish rules from the control center; calls needing rules fail until then",
                    cfg.agentKind, cfg.unit, cfg.snapshotFile == null ? "" : " at " + cfg.snapshotFile);
            return;
        }
        try {
            String content = Files.readString(cfg.snapshotFile, StandardCharsets.UTF_8);
            if (offer(content, "snapshot file " + cfg.snapshotFile)) {
                metrics.snapshotLoaded();
            }
        } catch (IOException e) {
            log.warn("UNITIZE-RULE-013 cannot read the rules snapshot file {}: {}", cfg.snapshotFile, e.toString());
        }
    }

    /**
     * Validates and applies one document. Returns whether it is now in force.
     */
    boolean offer(String content, String source) {
        synchronized (applyLock) {
            UnitRules rules;
            try {
                rules = UnitRules.fromJson(content);
            } catch (InvalidRulesException e) {
                String reason = "invalid document from " + source + ": " + String.join("; ", e.violations());
                metrics.rejectedInvalid(reason);
                log.warn("UNITIZE-RULE-001 agent {} in unit {} refused rules: {}. Version {} stays in force. "
                        + "Next: fix the document and publish a newer version", cfg.agentKind, cfg.unit, reason, versionInForce());
                return false;
            }
            RulesSnapshot old = current;
            if (old != null && rules.version() <= old.version()) {
                if (rules.version() == old.version() && rules.equals(old.rules())) {
                    return true; // the same document again (a reconnect): nothing to do
                }
                String reason = "version " + rules.version() + " from " + source + " is not newer than version " + old.version() + " in force";
                metrics.rejectedStale(reason);
                log.warn("UNITIZE-RULE-002 agent {} in unit {} refused rules: {}. Next: publish a version > {}",
                        cfg.agentKind, cfg.unit, reason, old.version());
                return false;
            }
            RulesSnapshot next = rules.compile();
            for (RulesListener l : listeners) {
                try {
                    l.apply(next);
                } catch (Exception e) {
                    String reason = "listener " + l + " failed to apply version " + rules.version() + ": " + e;
                    metrics.listenerFailed(reason);
                    log.error("UNITIZE-RULE-003 agent {} in unit {} could not apply rules version {}: {}. Version {} stays in "
                            + "force (listeners that already applied it keep it). Next: see the cause, then publish again",
                            cfg.agentKind, cfg.unit, rules.version(), e.toString(), versionInForce(), e);
                    return false;
                }
            }
            current = next;
            metrics.applied();
            writeSnapshotFile(content);
            if (reporter != null) {
                reporter.report(next.version());
            }
            log.info("UNITIZE-RULE-004 agent {} in unit {} applied rules version {} from {} (author {}, reason: {})",
                    cfg.agentKind, cfg.unit, next.version(), source, rules.author(), rules.reason());
            return true;
        }
    }

    private void writeSnapshotFile(String content) {
        if (cfg.snapshotFile == null) {
            return;
        }
        try {
            Path dir = cfg.snapshotFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".unitize-rules", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, cfg.snapshotFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("UNITIZE-RULE-014 cannot write the rules snapshot file {}: {}. Next: a restart while Nacos is down "
                    + "will have no rules; check the folder's permissions", cfg.snapshotFile, e.toString());
        }
    }

    private long versionInForce() {
        RulesSnapshot s = current;
        return s == null ? 0 : s.version();
    }

    /** The snapshot in force; throws {@link RulesUnavailableException} if none was ever applied. */
    public RulesSnapshot snapshot() {
        RulesSnapshot s = current;
        if (s == null) {
            throw new RulesUnavailableException("UNITIZE-RULE-015 agent " + cfg.agentKind + " in unit " + cfg.unit
                    + " has no rules yet (Nacos " + cfg.serverAddr + " unreachable at start and no snapshot file); "
                    + "it refuses decisions until rules arrive");
        }
        return s;
    }

    /** The version in force, 0 if none. */
    public long appliedVersion() {
        return versionInForce();
    }

    public SubscriberMetrics metrics() {
        return metrics;
    }

    /** The id under which this agent is listed in {@link AgentDirectory}. */
    public String agentId() {
        return reporter.agentId();
    }

    public String unit() {
        return cfg.unit;
    }

    /** The unit directory in force seen from this agent's unit (field reads); {@link RulesUnavailableException} before any rules. */
    public UnitDirectory.Local directory() {
        return snapshot().directory().seenFrom(cfg.unit);
    }

    /** Adds a listener told when a version changes the unit directory (and now, with previous = null, if rules are in force). */
    public void addDirectoryListener(UnitDirectoryListener listener) throws Exception {
        addListener(new DirectoryChanges(cfg.unit, listener));
    }

    /** Adds a listener; it is given the snapshot in force right away, if any. */
    public void addListener(RulesListener listener) throws Exception {
        synchronized (applyLock) {
            if (current != null) {
                listener.apply(current);
            }
            listeners.add(listener);
        }
    }

    /** Stops listening and deregisters the agent. */
    @Override
    public void close() {
        if (config != null && nacosListener != null) {
            config.removeListener(cfg.dataId, cfg.group, nacosListener);
        }
        if (reporter != null) {
            reporter.close();
        }
        shutdown(config);
        shutdown(naming);
    }

    /**
     * Ends the Nacos connections without deregistering, as a crashed agent would (for tests of
     * dead-agent detection).
     */
    void abandon() {
        shutdown(config);
        shutdown(naming);
    }

    private static void shutdown(Object client) {
        try {
            if (client instanceof ConfigService c) {
                c.shutDown();
            } else if (client instanceof NamingService n) {
                n.shutDown();
            }
        } catch (NacosException ignored) {
            // closing anyway
        }
    }

    /** Configuration of a subscriber; {@code serverAddr}, {@code unit} and {@code agentKind} are required. */
    public static final class Builder {
        private String serverAddr;
        private String namespace;
        private String unit;
        private String agentKind;
        private String dataId = RulesChannel.DEFAULT_DATA_ID;
        private String group = RulesChannel.DEFAULT_GROUP;
        private Path snapshotFile;
        private Duration initialTimeout = Duration.ofSeconds(5);
        private String reportIp = "127.0.0.1";
        private NacosCredentials credentials = NacosCredentials.NONE;
        private final List<RulesListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The Nacos server of this agent's unit, {@code host:port[,host:port]}. */
        public Builder serverAddr(String serverAddr) {
            this.serverAddr = serverAddr;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Credentials for a Nacos with authentication on (default: none). */
        public Builder credentials(NacosCredentials credentials) {
            this.credentials = credentials == null ? NacosCredentials.NONE : credentials;
            return this;
        }

        /** The unit this agent runs in. */
        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** What this agent is: {@code gateway}, {@code rpc-consumer}, {@code db-guard}, {@code mq-consumer}, ... */
        public Builder agentKind(String agentKind) {
            this.agentKind = agentKind;
            return this;
        }

        public Builder dataId(String dataId) {
            this.dataId = dataId;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** Where the last applied document is kept for a start with Nacos unreachable (default: none). */
        public Builder snapshotFile(Path snapshotFile) {
            this.snapshotFile = snapshotFile;
            return this;
        }

        /** How long {@link #start()} waits for Nacos (default 5 s). */
        public Builder initialTimeout(Duration timeout) {
            this.initialTimeout = timeout;
            return this;
        }

        /** The address this agent is listed under (default 127.0.0.1; set the host's address in production). */
        public Builder reportIp(String ip) {
            this.reportIp = ip;
            return this;
        }

        public Builder listener(RulesListener listener) {
            listeners.add(listener);
            return this;
        }

        public RulesSubscriber build() {
            List<String> missing = new ArrayList<>();
            if (serverAddr == null || serverAddr.isBlank()) {
                missing.add("serverAddr");
            }
            if (unit == null || !unit.matches("[a-z0-9-]{1,32}")) {
                missing.add("unit (1-32 lowercase letters, digits or '-', was '" + unit + "')");
            }
            if (agentKind == null || agentKind.isBlank()) {
                missing.add("agentKind");
            }
            if (initialTimeout == null || initialTimeout.isNegative() || initialTimeout.isZero()) {
                missing.add("initialTimeout (> 0, was " + initialTimeout + ")");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("UNITIZE-RULE-016 RulesSubscriber needs " + String.join(", ", missing));
            }
            return new RulesSubscriber(this);
        }
    }
}
