package io.unitize.core.rules;

import io.unitize.core.InvalidRulesException;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitIndexChangedException;
import io.unitize.core.UnitRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Decides, for one agent, whether an offered rules document goes in force, whatever it came from
 * (a Nacos push, a file, a test): parse and validate it ({@link UnitRules#fromJson}), refuse it if
 * invalid or not newer than the version in force, compile it, hand the snapshot to every
 * {@link RulesListener}, and only when all of them returned swap it in and tell the
 * {@link AppliedHook}s (the snapshot file, the applied-version report). Every refusal is a coded
 * log line and a count in {@link #metrics()}; the version in force stays. Plain Java: no Nacos,
 * no Spring.
 *
 * <pre>{@code
 * RulesApplier applier = RulesApplier.builder().unit("unit-b").agentKind("batch").listener(router::swap).build();
 * ApplyResult r = applier.offer(json, "file /etc/unitize/rules.json");
 * }</pre>
 */
public final class RulesApplier {

    private static final Logger log = LoggerFactory.getLogger(RulesApplier.class);

    /** Told, under the applier's lock, that a version was swapped in (after every listener returned). */
    @FunctionalInterface
    public interface AppliedHook {
        void applied(RulesSnapshot snapshot, String content);
    }

    private final String unit;
    private final String agentKind;
    private final Clock clock;
    private final List<RulesListener> listeners;
    private final List<AppliedHook> hooks;
    private final RulesMetrics metrics = new RulesMetrics();
    private final Object lock = new Object();
    private volatile RulesSnapshot current;
    private volatile Instant appliedAt;

    private RulesApplier(Builder b) {
        this.unit = b.unit;
        this.agentKind = b.agentKind;
        this.clock = b.clock;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.hooks = new CopyOnWriteArrayList<>(b.hooks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates and applies one document; {@code source} names where it came from, for log lines and reasons. */
    public ApplyResult offer(String content, String source) {
        synchronized (lock) {
            UnitRules rules;
            try {
                rules = UnitRules.fromJson(content);
            } catch (InvalidRulesException e) {
                String reason = "invalid document from " + source + ": " + String.join("; ", e.violations());
                metrics.rejectedInvalid(reason, clock.instant());
                log.warn("UNITIZE-RULE-001 agent {} in unit {} refused rules: {}. Version {} stays in force. "
                        + "Next: fix the document and publish a newer version", agentKind, unit, reason, versionInForce());
                return new ApplyResult(ApplyResult.Outcome.REFUSED_INVALID, versionInForce(), reason);
            }
            metrics.seen(rules.version());
            RulesSnapshot old = current;
            if (old != null && rules.version() <= old.version()) {
                if (rules.version() == old.version() && rules.equals(old.rules())) {
                    return new ApplyResult(ApplyResult.Outcome.UNCHANGED, old.version(), null);
                }
                String reason = "version " + rules.version() + " from " + source + " is not newer than version " + old.version()
                        + " in force";
                metrics.rejectedStale(reason, clock.instant());
                log.warn("UNITIZE-RULE-002 agent {} in unit {} refused rules: {}. Next: publish a version > {}",
                        agentKind, unit, reason, old.version());
                return new ApplyResult(ApplyResult.Outcome.REFUSED_STALE, old.version(), reason);
            }
            RulesSnapshot next = rules.compile();
            if (old != null) {
                try {
                    old.directory().requireIndexesKeptBy(next.directory());
                } catch (UnitIndexChangedException e) {
                    String reason = "version " + rules.version() + " from " + source + ": " + e.getMessage();
                    metrics.rejectedInvalid(reason, clock.instant());
                    log.warn("UNITIZE-RULE-001 agent {} in unit {} refused rules: {}. Version {} stays in force. "
                            + "Next: keep every unit's index and publish a newer version", agentKind, unit, reason, old.version());
                    return new ApplyResult(ApplyResult.Outcome.REFUSED_INVALID, old.version(), reason);
                }
            }
            for (RulesListener l : listeners) {
                try {
                    l.apply(next);
                } catch (Exception e) {
                    String reason = "listener " + l + " failed to apply version " + rules.version() + ": " + e;
                    metrics.listenerFailed(reason, clock.instant());
                    log.error("UNITIZE-RULE-003 agent {} in unit {} could not apply rules version {}: {}. Version {} stays in "
                            + "force (listeners that already applied it keep it). Next: see the cause, then publish again",
                            agentKind, unit, rules.version(), e.toString(), versionInForce(), e);
                    return new ApplyResult(ApplyResult.Outcome.REFUSED_BY_LISTENER, versionInForce(), reason);
                }
            }
            current = next;
            appliedAt = clock.instant();
            metrics.applied();
            hooks.forEach(h -> h.applied(next, content));
            log.info("UNITIZE-RULE-004 agent {} in unit {} applied rules version {} from {} (author {}, reason: {})",
                    agentKind, unit, next.version(), source, rules.author(), rules.reason());
            return new ApplyResult(ApplyResult.Outcome.APPLIED, next.version(), null);
        }
    }

    /**
     * Offers the document kept in a snapshot file (at a start while the source is unreachable);
     * counted in {@link RulesMetrics#snapshotLoadCount()} when it goes in force. Empty when there is no readable file.
     */
    public Optional<ApplyResult> restore(RulesSnapshotFile file) {
        return file.read().map(content -> {
            ApplyResult r = offer(content, "snapshot file " + file);
            if (r.inForce()) {
                metrics.snapshotLoaded();
            }
            return r;
        });
    }

    /** The snapshot in force; throws {@link RulesUnavailableException} (naming {@code why}) if none was ever applied. */
    public RulesSnapshot snapshot(String why) {
        RulesSnapshot s = current;
        if (s == null) {
            throw new RulesUnavailableException("UNITIZE-RULE-015 agent " + agentKind + " in unit " + unit
                    + " has no rules yet (" + why + "); it refuses decisions until rules arrive");
        }
        return s;
    }

    /** The version in force, 0 if none. */
    public long versionInForce() {
        RulesSnapshot s = current;
        return s == null ? 0 : s.version();
    }

    /** When the version in force was applied (on the applier's clock); null if none. */
    public Instant appliedAt() {
        return appliedAt;
    }

    /** Runs {@code action} with the version in force, with no apply in between (to report it, say). */
    public void withVersionInForce(LongConsumer action) {
        synchronized (lock) {
            action.accept(versionInForce());
        }
    }

    public RulesMetrics metrics() {
        return metrics;
    }

    public String unit() {
        return unit;
    }

    public String agentKind() {
        return agentKind;
    }

    /** Adds a listener; it is given the snapshot in force right away, if any (and is not added if that throws). */
    public void addListener(RulesListener listener) throws Exception {
        synchronized (lock) {
            if (current != null) {
                listener.apply(current);
            }
            listeners.add(listener);
        }
    }

    /** Adds a hook told of every later apply. */
    public void addAppliedHook(AppliedHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Configuration of an applier; {@code unit} and {@code agentKind} are required. */
    public static final class Builder {
        private String unit;
        private String agentKind;
        private Clock clock = Clock.systemUTC();
        private final List<RulesListener> listeners = new ArrayList<>();
        private final List<AppliedHook> hooks = new ArrayList<>();

        private Builder() {
        }

        /** The unit this agent runs in (1-32 lowercase letters, digits or '-'). */
        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** What this agent is: {@code gateway}, {@code rpc-consumer}, {@code db-guard}, ... */
        public Builder agentKind(String agentKind) {
            this.agentKind = agentKind;
            return this;
        }

        /** The clock of {@link #appliedAt()} and {@link RulesMetrics#lastRejectionAt()} (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder listener(RulesListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder listeners(List<? extends RulesListener> listeners) {
            listeners.forEach(this::listener);
            return this;
        }

        public Builder afterApply(AppliedHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** @throws IllegalArgumentException (UNITIZE-RULE-016) naming every missing or malformed field */
        public RulesApplier build() {
            List<String> missing = new ArrayList<>();
            if (unit == null || !unit.matches("[a-z0-9-]{1,32}")) {
                missing.add("unit (1-32 lowercase letters, digits or '-', was '" + unit + "')");
            }
            if (agentKind == null || agentKind.isBlank()) {
                missing.add("agentKind");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("UNITIZE-RULE-016 RulesApplier needs " + String.join(", ", missing));
            }
            return new RulesApplier(this);
        }
    }
}
