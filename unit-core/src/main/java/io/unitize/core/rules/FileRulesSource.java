package io.unitize.core.rules;

import io.unitize.core.RulesSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rules read from a file instead of Nacos (an agent without a Nacos of its own: a batch job, a
 * test rig, a unit whose rules are delivered by configuration management). Needs no Nacos client
 * on the classpath. The file is read at {@link #start()} and again at each {@link #poll()} (or every
 * {@code pollEvery}); a changed content is offered to the {@link RulesApplier}, so an invalid or
 * not-newer document is refused exactly as a push would be, and the version in force stays.
 *
 * <pre>{@code
 * FileRulesSource rules = FileRulesSource.builder().file(Path.of("/etc/unitize/rules.json"))
 *         .unit("unit-b").agentKind("batch").listener(router::swap).pollEvery(Duration.ofSeconds(5))
 *         .build().start();
 * }</pre>
 */
public final class FileRulesSource implements RulesSource {

    private static final Logger log = LoggerFactory.getLogger(FileRulesSource.class);

    private final Path file;
    private final RulesApplier applier;
    private final Duration pollEvery;
    private final Object pollLock = new Object();
    private String lastRead;
    private ScheduledExecutorService poller;

    private FileRulesSource(Builder b, RulesApplier applier) {
        this.file = b.file;
        this.applier = applier;
        this.pollEvery = b.pollEvery;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the file once and, with {@code pollEvery}, starts watching it. Returns even when it has no valid rules. */
    public FileRulesSource start() {
        Optional<ApplyResult> first = poll();
        if (first.isEmpty() || applier.versionInForce() == 0) {
            log.warn("UNITIZE-RULE-012 agent {} in unit {} has no rules: the rules file {} gave none. Next: write a valid "
                    + "document there; calls needing rules fail until then", applier.agentKind(), applier.unit(), file);
        }
        if (pollEvery != null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "unitize-rules-file");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Reads the file and offers its content if it changed since the last read.
     *
     * @return what the applier did; empty when the file is unchanged, missing or unreadable (UNITIZE-RULE-020)
     */
    public Optional<ApplyResult> poll() {
        synchronized (pollLock) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                log.warn("UNITIZE-RULE-020 agent {} in unit {}: no rules file at {}. Version {} stays in force. Next: "
                        + "write the document there", applier.agentKind(), applier.unit(), file, applier.versionInForce());
                return Optional.empty();
            } catch (IOException e) {
                log.warn("UNITIZE-RULE-020 agent {} in unit {} cannot read the rules file {}: {}. Version {} stays in force. "
                        + "Next: check the file's permissions", applier.agentKind(), applier.unit(), file, e.toString(),
                        applier.versionInForce());
                return Optional.empty();
            }
            if (content.equals(lastRead)) {
                return Optional.empty();
            }
            lastRead = content;
            return Optional.of(applier.offer(content, "file " + file));
        }
    }

    @Override
    public RulesSnapshot snapshot() {
        return applier.snapshot("no valid document in the rules file " + file + " yet");
    }

    @Override
    public long appliedVersion() {
        return applier.versionInForce();
    }

    @Override
    public void addListener(RulesListener listener) throws Exception {
        applier.addListener(listener);
    }

    @Override
    public RulesMetrics metrics() {
        return applier.metrics();
    }

    @Override
    public String unit() {
        return applier.unit();
    }

    /** Stops watching the file. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** Configuration; {@code file}, {@code unit} and {@code agentKind} are required. */
    public static final class Builder {
        private Path file;
        private Duration pollEvery;
        private final RulesApplier.Builder applier = RulesApplier.builder();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        public Builder unit(String unit) {
            applier.unit(unit);
            return this;
        }

        public Builder agentKind(String agentKind) {
            applier.agentKind(agentKind);
            return this;
        }

        public Builder clock(Clock clock) {
            applier.clock(clock);
            return this;
        }

        public Builder listener(RulesListener listener) {
            applier.listener(listener);
            return this;
        }

        /** Read the file again this often (default: only at start and at each {@link #poll()}). */
        public Builder pollEvery(Duration every) {
            if (every == null || every.isNegative() || every.isZero()) {
                problems.add("pollEvery (> 0, was " + every + ")");
            }
            this.pollEvery = every;
            return this;
        }

        /** @throws IllegalArgumentException (UNITIZE-RULE-016) naming every missing or malformed field */
        public FileRulesSource build() {
            List<String> missing = new ArrayList<>(problems);
            if (file == null) {
                missing.add("file");
            }
            RulesApplier built;
            try {
                built = applier.build();
            } catch (IllegalArgumentException e) {
                missing.add(e.getMessage().substring(e.getMessage().indexOf(" needs ") + 7));
                built = null;
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("UNITIZE-RULE-016 FileRulesSource needs " + String.join(", ", missing));
            }
            return new FileRulesSource(this, Objects.requireNonNull(built));
        }
    }
}
