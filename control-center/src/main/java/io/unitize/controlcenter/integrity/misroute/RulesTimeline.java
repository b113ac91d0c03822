package io.unitize.controlcenter.integrity.misroute;

import io.unitize.core.RulesSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules versions in the order they were stored, each in force from its store time until the
 * next one's. Immutable; {@link #with} returns a longer copy (keeping at most {@code keep} versions).
 */
public final class RulesTimeline {

    /** A version (compiled: slot lookups are array reads) and when it was stored (epoch ms). */
    public record Entry(RulesSnapshot rules, long storedAtMillis) {
    }

    private final List<Entry> entries;

    private RulesTimeline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static RulesTimeline empty() {
        return new RulesTimeline(List.of());
    }

    public RulesTimeline with(List<Entry> newer, int keep) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(newer);
        all.sort(java.util.Comparator.comparingLong(e -> e.rules().version()));
        return new RulesTimeline(all.size() > keep ? all.subList(all.size() - keep, all.size()) : all);
    }

    public long latestVersion() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).rules().version();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The version in force at {@code atMillis} (the oldest kept one for an earlier time), or null when there is none. */
    public RulesSnapshot at(long atMillis) {
        RulesSnapshot found = null;
        for (Entry e : entries) {
            if (e.storedAtMillis() <= atMillis || found == null) {
                found = e.rules();
            } else {
                break;
            }
        }
        return found;
    }

    /** Every version in force at some moment of {@code [fromMillis, toMillis]}, oldest first. */
    public List<RulesSnapshot> during(long fromMillis, long toMillis) {
        List<RulesSnapshot> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            long start = entries.get(i).storedAtMillis();
            long end = i + 1 < entries.size() ? entries.get(i + 1).storedAtMillis() : Long.MAX_VALUE;
            if (start <= toMillis && end > fromMillis) {
                out.add(entries.get(i).rules());
            }
        }
        if (out.isEmpty() && !entries.isEmpty()) {
            out.add(at(toMillis));
        }
        return out;
    }
}
