package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitizeException;
import io.unitize.core.rules.ApplyResult;
import io.unitize.core.rules.RulesApplier;
import io.unitize.core.rules.RulesListener;
import io.unitize.core.rules.RulesMetrics;
import io.unitize.core.rules.RulesSnapshotFile;
import io.unitize.core.rules.RulesSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every agent uses to receive the rules: subscribes to the document in its unit's Nacos and
 * offers each push to its {@link RulesApplier}, which validates it, refuses an invalid or
 * not-newer one (coded log line + {@link #metrics()}), and otherwise compiles it, hands it to the
 * agent's {@link RulesListener}s and swaps it in atomically; then this adapter writes the local
 * snapshot file and reports the version as applied ({@link AppliedVersionReporter}). An agent that
 * reads its rules from a file uses {@link io.unitize.core.rules.FileRulesSource} instead (no Nacos client needed).
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
public final class RulesSubscriber implements RulesSource {

    private static final Logger log = LoggerFactory.getLogger(RulesSubscriber.class);

    private final Builder cfg;
    private final RulesApplier applier;
    private final RulesSnapshotFile snapshotFile;
    private volatile ConfigService config;
    private NamingService naming;
    private volatile AppliedVersionReporter reporter;
    private AbstractListener nacosListener;
    /** Whether this subscriber is counted in {@link SharedClientRateLimit} (from start to close). */
    private final java.util.concurrent.atomic.AtomicBoolean countedInJvm = new java.util.concurrent.atomic.AtomicBoolean();

    private RulesSubscriber(Builder b) {
        this.cfg = b;
        this.snapshotFile = b.snapshotFile == null ? null : new RulesSnapshotFile(b.snapshotFile);
        this.applier = RulesApplier.builder().unit(b.unit).agentKind(b.agentKind).clock(b.clock).listeners(b.listeners)
                .afterApply((snapshot, content) -> {
                    if (snapshotFile != null) {
                        snapshotFile.write(content);
                    }
                    AppliedVersionReporter r = reporter;
                    if (r != null) {
                        r.report(snapshot.version());
                    }
                }).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, applies the document in force (or the snapshot file when Nacos cannot be read),
     * registers the agent and starts listening. Returns even when no rules could be had at all:
     * then {@link #snapshot()} throws {@link io.unitize.core.RulesUnavailableException} until a push arrives.
     */
    public RulesSubscriber start() {
        try {
            config = NacosFactory.createConfigService(RulesChannel.clientProperties(cfg.serverAddr, cfg.namespace, cfg.credentials));
            naming = NacosFactory.createNamingService(RulesChannel.clientProperties(cfg.serverAddr, cfg.namespace, cfg.credentials));
        } catch (NacosException e) {
            throw new UnitizeException("UNITIZE-RULE-010 cannot create Nacos clients for " + cfg.serverAddr + ": " + e.getErrMsg(), e);
        }
        reporter = new AppliedVersionReporter(naming, config, cfg.group, cfg.agentKind, cfg.unit, cfg.reportIp);
        if (countedInJvm.compareAndSet(false, true)) {
            SharedClientRateLimit.opened(channel());
        }
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
        applier.withVersionInForce(reporter::report); // a push may have been applied meanwhile: report what is in force now
        return this;
    }

    private void loadSnapshotFile() {
        if (snapshotFile == null || applier.restore(snapshotFile).isEmpty()) {
            log.warn("UNITIZE-RULE-012 agent {} in unit {} has no rules: none in Nacos and no snapshot file{}. "
                    + "Next: publish rules from the control center; calls needing rules fail until then",
                    cfg.agentKind, cfg.unit, snapshotFile == null ? "" : " at " + snapshotFile);
        }
    }

    /** The channel as the Nacos client's rate limit sees it: namespace, group and data id (not the server). */
    private String channel() {
        return "namespace " + (cfg.namespace == null || cfg.namespace.isEmpty() ? "public" : cfg.namespace) + ", group " + cfg.group
                + ", data id " + cfg.dataId;
    }

    /** Offers one document to the applier (a push, the document at start). */
    ApplyResult offer(String content, String source) {
        return applier.offer(content, source);
    }

    /** The snapshot in force; throws {@link io.unitize.core.RulesUnavailableException} if none was ever applied. */
    @Override
    public RulesSnapshot snapshot() {
        return applier.snapshot("Nacos " + cfg.serverAddr + " unreachable at start and no snapshot file");
    }

    /** The version in force, 0 if none. */
    @Override
    public long appliedVersion() {
        return applier.versionInForce();
    }

    @Override
    public RulesMetrics metrics() {
        return applier.metrics();
    }

    /** What puts documents in force for this subscriber (for tests and for adding {@link RulesApplier.AppliedHook}s). */
    public RulesApplier applier() {
        return applier;
    }

    /**
     * Whether the Nacos client holds a working connection to the unit's Nacos now ({@code UP} from
     * the client's own server status); false before {@link #start()}.
     */
    public boolean nacosConnected() {
        ConfigService c = config;
        return c != null && "UP".equals(c.getServerStatus());
    }

    /** The id under which this agent is listed in {@link AgentDirectory}. */
    public String agentId() {
        return reporter.agentId();
    }

    @Override
    public String unit() {
        return cfg.unit;
    }

    /** What this agent is ({@code gateway}, {@code db-guard}, ...), as given to the builder. */
    public String agentKind() {
        return cfg.agentKind;
    }

    /** Adds a listener; it is given the snapshot in force right away, if any. */
    @Override
    public void addListener(RulesListener listener) throws Exception {
        applier.addListener(listener);
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
        if (countedInJvm.compareAndSet(true, false)) {
            SharedClientRateLimit.closed(channel());
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
        private Clock clock = Clock.systemUTC();
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

        /** The clock of the applier's times ({@link RulesApplier#appliedAt()}; default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock == null ? Clock.systemUTC() : clock;
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
