package io.unitize.controlcenter.integrity.lag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Writes one heartbeat per unit into that unit's own database and reads every other unit's copy,
 * giving the replication lag of every direction. One {@link #tick()} = write every unit's next
 * heartbeat, then read every copy. The lag of {@code source -> target} is how long the oldest
 * heartbeat that the target has not seen yet has been waiting (0 when it has the latest), measured
 * on this process's clock only (written and read here), so clock skew between units does not enter.
 * Framework-free; {@link HeartbeatLoop} runs it on a schedule.
 */
public final class HeartbeatMonitor {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);
    private static final int HISTORY = 4096;

    private final List<String> units;
    private final UnitConnector connector;
    private final HeartbeatTable table;
    private final Clock clock;
    private final Consumer<ReplicationLag> listener;
    private final Map<String, Writer> writers = new LinkedHashMap<>();
    private final Map<String, ReplicationLag> lags = new java.util.concurrent.ConcurrentHashMap<>();

    public HeartbeatMonitor(List<String> units, UnitConnector connector, HeartbeatTable table, Clock clock,
                            Consumer<ReplicationLag> listener) {
        this.units = List.copyOf(units);
        this.connector = connector;
        this.table = table;
        this.clock = clock;
        this.listener = listener;
        for (String u : this.units) {
            writers.put(u, new Writer());
        }
        for (String s : this.units) {
            for (String t : this.units) {
                if (!s.equals(t)) {
                    lags.put(s + "->" + t, new ReplicationLag(s, t, null, 0, -1, null, null));
                }
            }
        }
    }

    /** Writes the next heartbeat of every unit, then measures every direction. Not thread-safe: one caller. */
    public void tick() {
        for (String u : units) {
            write(u);
        }
        for (String s : units) {
            for (String t : units) {
                if (!s.equals(t)) {
                    measure(s, t);
                }
            }
        }
    }

    private void write(String unit) {
        Writer w = writers.get(unit);
        try (Connection c = connector.connect(unit)) {
            c.setAutoCommit(true);
            if (!w.ready) {
                table.create(c);
                w.seq = table.read(c, unit).orElse(0); // continue after a restart: the sequence only grows
                w.ready = true;
            }
            long seq = w.seq + 1;
            long at = clock.millis();
            table.write(c, unit, seq, at);
            w.seq = seq;
            w.written.put(seq, at);
            while (w.written.size() > HISTORY) {
                w.written.pollFirstEntry();
            }
            if (w.error != null) {
                log.info("UNITIZE-CC-201 heartbeat of unit {} written again (sequence {})", unit, seq);
            }
            w.error = null;
        } catch (Exception e) {
            if (w.error == null) {
                log.warn("UNITIZE-CC-200 cannot write the heartbeat of unit {} in its database: {}. Next: check that the "
                        + "control center reaches it (unitize.control-center.units.{}.jdbc-url) and may write {}; the lag from "
                        + "{} is not measured meanwhile", unit, e.getMessage(), unit, table.name(), unit);
            }
            w.error = "heartbeat not written in " + unit + ": " + e.getMessage();
        }
    }

    private void measure(String source, String target) {
        Writer w = writers.get(source);
        ReplicationLag before = lags.get(source + "->" + target);
        ReplicationLag now;
        try (Connection c = connector.connect(target)) {
            c.setAutoCommit(true);
            OptionalLong seen = table.read(c, source);
            long at = clock.millis();
            long seenSeq = seen.orElse(-1);
            Long lag;
            if (w.written.isEmpty()) {
                lag = null; // nothing written by this process yet: nothing to measure
            } else if (seenSeq >= w.seq) {
                lag = 0L;
            } else {
                Map.Entry<Long, Long> oldestUnseen = w.written.higherEntry(seenSeq);
                long since = oldestUnseen == null ? w.written.firstEntry().getValue() : oldestUnseen.getValue();
                lag = Math.max(0, at - since);
            }
            now = new ReplicationLag(source, target, lag, w.seq, seenSeq, Instant.ofEpochMilli(at), w.error);
        } catch (Exception e) {
            now = new ReplicationLag(source, target, before.lagMillis(), w.seq, before.seenSeq(), before.measuredAt(),
                    "unit " + target + "'s database not read: " + e.getMessage());
        }
        lags.put(now.direction(), now);
        listener.accept(now);
    }

    /** Every direction as last measured. */
    public List<ReplicationLag> lags() {
        List<ReplicationLag> out = new ArrayList<>();
        for (String s : units) {
            for (String t : units) {
                if (!s.equals(t)) {
                    out.add(lags.get(s + "->" + t));
                }
            }
        }
        return out;
    }

    public Optional<ReplicationLag> lag(String source, String target) {
        return Optional.ofNullable(lags.get(source + "->" + target));
    }

    /** How long ago {@code lag} was measured, for staleness (null: never). */
    public Duration age(ReplicationLag lag) {
        return lag.measuredAt() == null ? null : Duration.ofMillis(Math.max(0, clock.millis() - lag.measuredAt().toEpochMilli()));
    }

    private static final class Writer {
        volatile long seq;
        volatile boolean ready;
        volatile String error;
        final NavigableMap<Long, Long> written = new ConcurrentSkipListMap<>();
    }
}
