package io.unitize.drill;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who owned a buyer at a moment, from the control center's rules history: the owner at {@code t}
 * is the unit of the buyer's slot in the latest version whose {@code storedAt} is at or before
 * {@code t} (a version is stored before it is published, so an agent can enforce it only later).
 */
public final class RulesTimeline {

    public record Entry(long version, Instant storedAt, String purpose, String cutoverId, RulesSnapshot rules) {
    }

    private final List<Entry> entries;

    public RulesTimeline(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::storedAt).thenComparingLong(Entry::version));
        this.entries = List.copyOf(sorted);
    }

    /** Reads every version of the history through the API. */
    public static RulesTimeline fetch(ControlCenterClient cc) throws Exception {
        List<Entry> list = new ArrayList<>();
        for (var v : cc.history()) {
            long version = v.path("version").asLong();
            list.add(new Entry(version, Instant.parse(v.path("storedAt").asText()), v.path("purpose").asText(),
                    v.path("cutoverId").isNull() ? null : v.path("cutoverId").asText(), UnitRules.fromJson(cc.version(version)).compile()));
        }
        return new RulesTimeline(list);
    }

    /** The version in force at {@code t} (null before the first). */
    public Entry at(Instant t) {
        Entry in = null;
        for (Entry e : entries) {
            if (e.storedAt().isAfter(t)) {
                break;
            }
            in = e;
        }
        return in;
    }

    /** The unit owning {@code buyer} at {@code t}, or null before the first version. */
    public String ownerAt(long buyer, Instant t) {
        Entry e = at(t);
        return e == null ? null : e.rules().unitOf(buyer).code();
    }

    public String ownerNow(long buyer) {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).rules().unitOf(buyer).code();
    }

    public List<Entry> entries() {
        return entries;
    }
}
