package io.unitize.core.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

import static io.unitize.core.nacos.InForceCheck.versionOf;

/**
 * Publishes a rules document to the Nacos of every unit (one Nacos server per unit). Per unit it
 * reads the document in force, refuses to go backwards ({@link StaleRulesException}), and writes
 * with compare-and-swap so that two publishers never overwrite each other silently.
 *
 * <pre>{@code
 * try (RulesPublisher publisher = RulesPublisher.builder()
 *         .unit("center", "127.0.0.1:8848").unit("unit-b", "127.0.0.1:9848").build()) {
 *     publisher.publish(rules);
 * }
 * }</pre>
 */
public final class RulesPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesPublisher.class);
    private static final long READ_TIMEOUT_MS = 3000;
    private static final int CAS_ATTEMPTS = 5;
    private static final long CAS_RETRY_MS = 300;
    private static final int OWN_READ_ATTEMPTS = 30;
    private static final long OWN_READ_POLL_MS = 50;

    private final Map<String, ConfigService> units;
    private final Map<String, String> servers;
    private final Map<String, NacosCredentials> credentials;
    private final Map<String, Long> lastPublished = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String dataId;
    private final String group;
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "unitize-rules-publisher");
        t.setDaemon(true);
        return t;
    });
    private final BackgroundPublication background = new BackgroundPublication(this, io, failing);

    private RulesPublisher(Builder b) {
        this.servers = Map.copyOf(b.servers);
        this.credentials = Map.copyOf(b.credentials);
        this.dataId = b.dataId;
        this.group = b.group;
        Map<String, ConfigService> services = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : b.servers.entrySet()) {
                services.put(e.getKey(), NacosFactory.createConfigService(RulesChannel.clientProperties(e.getValue(), b.namespace,
                        b.credentials.getOrDefault(e.getKey(), NacosCredentials.NONE))));
            }
        } catch (NacosException e) {
            services.values().forEach(RulesPublisher::shutdownQuietly);
            throw new IllegalStateException("UNITIZE-RULE-020 cannot create a Nacos config client: " + e.getErrMsg(), e);
        }
        this.units = services;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The units this publisher writes to. */
    public List<String> units() {
        return List.copyOf(units.keySet());
    }

    /**
     * The document in force in a unit's Nacos, if there is a valid one.
     *
     * @throws RulesPublishException if that Nacos cannot be read
     */
    public Optional<UnitRules> current(String unit) {
        String content = read(unit, service(unit));
        if (content == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UnitRules.fromJson(content));
        } catch (InvalidRulesException e) {
            return Optional.empty();
        }
    }

    /**
     * Publishes {@code rules} to every unit. A unit that already has exactly this version is left
     * alone (publishing again after a partial failure is safe).
     *
     * @throws StaleRulesException if a unit has a newer or equal, different version (nothing is written anywhere)
     * @throws io.unitize.core.UnitIndexChangedException if it changes a unit's index given in a unit's document in force (nothing is written)
     * @throws RulesPublishException if some units could not be written (the others have the new version)
     */
    public void publish(UnitRules rules) {
        publish(rules, Set.of());
    }

    /**
     * Publishes {@code rules} to every unit, waiting only for the units not in {@code notWaitedFor}.
     * A unit in it (the lost unit of an emergency failover) is still read and written, in the
     * background: a unit that is only cut off gets the document when it answers; one that is dead
     * costs the caller nothing (against a dead Nacos every try reads the client's local snapshot and
     * fails the compare-and-swap, about 5 s). Its outcome is logged (UNITIZE-RULE-022, -021, -026),
     * never thrown, and it takes no part in the stale and index checks of the other units.
     *
     * @throws StaleRulesException if a waited-for unit has a newer or equal, different version (nothing is written anywhere)
     * @throws io.unitize.core.UnitIndexChangedException if it changes a waited-for unit's index (nothing is written)
     * @throws RulesPublishException if some waited-for units could not be written (the others have the new version)
     */
    public synchronized void publish(UnitRules rules, Set<String> notWaitedFor) {
        long startedAt = System.nanoTime();
        String json = rules.toJson();
        Map<String, String> inForce = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, CompletableFuture<String>> reads = new LinkedHashMap<>();
        List<String> inBackground = new ArrayList<>();
        units.keySet().forEach(unit -> {
            if (notWaitedFor.contains(unit)) {
                inBackground.add(unit);
            } else {
                reads.put(unit, CompletableFuture.supplyAsync(() -> readAtLeastOwnLast(unit), io));
            }
        });
        for (Map.Entry<String, CompletableFuture<String>> e : reads.entrySet()) {
            try {
                inForce.put(e.getKey(), e.getValue().join());
            } catch (CompletionException ex) {
                failures.put(e.getKey(), ex.getCause() instanceof RulesPublishException rp ? rp.failures().get(e.getKey())
                        : String.valueOf(ex.getCause()));
            }
        }
        long readAt = System.nanoTime();
        List<String> toWrite = new ArrayList<>();
        inForce.forEach((unit, content) -> {
            if (needsWrite(unit, content, rules, json, current -> {
                throw new StaleRulesException(rules.version(), current, " in unit " + unit + "'s Nacos");
            })) {
                toWrite.add(unit);
            }
        });
        for (String unit : inBackground) { // after the checks: a refused publication writes nowhere, not even there
            background.start(unit, rules, json);
        }
        Map<String, CompletableFuture<String>> writes = new LinkedHashMap<>();
        for (String unit : toWrite) { // units are independent: write them at the same time
            writes.put(unit, CompletableFuture.supplyAsync(() -> write(unit, rules, json, inForce.get(unit)), io));
        }
        List<String> published = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<String>> e : writes.entrySet()) {
            String failure = e.getValue().join();
            if (failure == null) {
                published.add(e.getKey());
            } else {
                failures.put(e.getKey(), failure);
            }
        }
        for (String unit : reads.keySet()) {
            if (failures.containsKey(unit)) {
                failing.add(unit);
            } else {
                failing.remove(unit);
            }
        }
        if (!failures.isEmpty()) {
            log.warn("UNITIZE-RULE-021 rules version {} not published to {}: {}; published to {}. Next: publish again "
                    + "when those units' Nacos is reachable", rules.version(), failures.keySet(), failures.values(), published);
            throw new RulesPublishException(rules.version(), published, failures);
        }
        if (!published.isEmpty()) {
            long doneAt = System.nanoTime();
            log.info("UNITIZE-RULE-022 rules version {} published to {} in {} ms (reading {} ms, writing {} ms) by {}: {}",
                    rules.version(), published, (doneAt - startedAt) / 1_000_000, (readAt - startedAt) / 1_000_000,
                    (doneAt - readAt) / 1_000_000, rules.author(), rules.reason());
        }
    }

    /** Publications to units not waited for that are still being tried. */
    public int publishingInBackground() {
        return background.running();
    }

    /**
     * Units whose last publication failed (until one succeeds, or finds the version there). A
     * periodic catch-up can pass them to {@link #publish(UnitRules, Set)} as not waited for, so that
     * a dead unit does not hold this publisher, and with it every other publication, for seconds.
     */
    public Set<String> failingUnits() {
        return Set.copyOf(failing);
    }

    /**
     * The {@link InForceCheck} of publishing {@code rules} (as {@code json}) over a unit's document in force
     * ({@code content}, null when there is none), for the units waited for and the others alike: true when it
     * is to be written; false when it is there already (remembered as this publisher's last write there), or
     * when the unit has a newer or equal, different version, which {@code newer} is told first.
     *
     * @throws io.unitize.core.UnitIndexChangedException if {@code rules} changes a unit's index that document gives
     */
    boolean needsWrite(String unit, String content, UnitRules rules, String json, LongConsumer newer) {
        InForceCheck.Verdict verdict = InForceCheck.of(content, rules, json);
        if (verdict == InForceCheck.Verdict.THERE_ALREADY) {
            lastPublished.merge(unit, rules.version(), Math::max);
        } else if (verdict == InForceCheck.Verdict.NEWER) {
            newer.accept(versionOf(content));
        }
        return verdict == InForceCheck.Verdict.WRITE;
    }

    /**
     * Writes with compare-and-swap against what was read. Nacos serves a publication after a short
     * dump delay, so a CAS that fails is retried after reading again (a few times), unless what is
     * there now is newer. Returns null on success, else the reason.
     */
    String write(String unit, UnitRules rules, String json, String previous) {
        ConfigService service = units.get(unit);
        for (int attempt = 1; ; attempt++) {
            try {
                boolean ok = previous == null
                        ? service.publishConfig(dataId, group, json, "json")
                        : service.publishConfigCas(dataId, group, json, md5(previous), "json");
                if (ok) {
                    lastPublished.merge(unit, rules.version(), Math::max);
                    return null;
                }
                if (attempt == CAS_ATTEMPTS) {
                    return "Nacos refused the write " + CAS_ATTEMPTS + " times (the document kept changing, or the server is unhealthy)";
                }
                Thread.sleep(CAS_RETRY_MS);
                previous = read(unit, service);
                if (previous != null && previous.equals(json)) {
                    return null;
                }
                if (previous != null && versionOf(previous) >= rules.version()) {
                    return "a concurrent publisher wrote version " + versionOf(previous) + " meanwhile";
                }
            } catch (NacosException e) {
                return describe(unit, "writing the document", e);
            } catch (RulesPublishException e) {
                return e.failures().get(unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    /**
     * Reads a unit's document; if it is older than what this publisher wrote there last (Nacos
     * serves a publication after a short dump delay), reads again for a little while, so that
     * the stale check and the compare-and-swap see this publisher's own last write.
     */
    String readAtLeastOwnLast(String unit) {
        ConfigService service = units.get(unit);
        long own = lastPublished.getOrDefault(unit, 0L);
        String content = read(unit, service);
        for (int i = 0; i < OWN_READ_ATTEMPTS && own > 0 && (content == null || versionOf(content) < own); i++) {
            try {
                Thread.sleep(OWN_READ_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            content = read(unit, service);
        }
        return content;
    }

    private String read(String unit, ConfigService service) {
        try {
            return service.getConfig(dataId, group, READ_TIMEOUT_MS);
        } catch (NacosException e) {
            throw new RulesPublishException(0, List.of(), Map.of(unit, "cannot read the document in force: "
                    + describe(unit, "reading the document", e)));
        }
    }

    /** Nacos' own message, or for an authentication refusal one that says which credentials to set. */
    private String describe(String unit, String what, NacosException e) {
        if (!RulesChannel.isAuthRefusal(e)) {
            return e.getErrMsg();
        }
        return "UNITIZE-RULE-025 " + RulesChannel.authRefusal(what + " of unit " + unit, servers.get(unit),
                credentials.getOrDefault(unit, NacosCredentials.NONE), e, "the Nacos credentials of unit " + unit);
    }

    private ConfigService service(String unit) {
        ConfigService s = units.get(unit);
        if (s == null) {
            throw new IllegalArgumentException("UNITIZE-RULE-023 unknown unit '" + unit + "'; this publisher writes to " + units.keySet());
        }
        return s;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void shutdownQuietly(ConfigService s) {
        try {
            s.shutDown();
        } catch (NacosException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
        units.values().forEach(RulesPublisher::shutdownQuietly);
    }

    /** Names the Nacos server of every unit. */
    public static final class Builder {
        private final Map<String, String> servers = new LinkedHashMap<>();
        private String dataId = RulesChannel.DEFAULT_DATA_ID;
        private String group = RulesChannel.DEFAULT_GROUP;
        private String namespace;
        private final Map<String, NacosCredentials> credentials = new LinkedHashMap<>();

        private Builder() {
        }

        /** The Nacos server of one unit, which has authentication on: written as {@code credentials}. */
        public Builder unit(String unit, String serverAddr, NacosCredentials credentials) {
            unit(unit, serverAddr);
            this.credentials.put(unit, credentials == null ? NacosCredentials.NONE : credentials);
            return this;
        }

        /** The Nacos server address ({@code host:port[,host:port]}) of one unit. */
        public Builder unit(String unit, String serverAddr) {
            if (serverAddr == null || serverAddr.isBlank()) {
                throw new IllegalArgumentException("UNITIZE-RULE-024 serverAddr of unit '" + unit + "' must not be empty");
            }
            servers.put(unit, serverAddr);
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

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public RulesPublisher build() {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("UNITIZE-RULE-024 a publisher needs the Nacos server of at least one unit");
            }
            return new RulesPublisher(this);
        }
    }
}
