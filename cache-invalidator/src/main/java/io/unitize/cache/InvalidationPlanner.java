package io.unitize.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a batch of row changes of this unit's binlog into the keys to delete, per unit: both the
 * before and the after image render every template of the table (an update that changes a key
 * column invalidates the old key and the new one). LOCAL tables: this unit's Redis, for every change
 * it sees (written here or replicated in). ALL_UNITS tables: every unit's Redis, but only for changes
 * that originated here (origin server id = this unit's database) — the replicated copy of a change is
 * left to the invalidator of the unit where it was written, so nothing is invalidated twice.
 */
public final class InvalidationPlanner {

    private final String localUnit;
    private final long localServerId;
    private volatile List<String> allUnits;
    private final Map<String, InvalidationRule> rules;

    public InvalidationPlanner(String localUnit, long localServerId, List<String> allUnits, List<InvalidationRule> rules) {
        this.localUnit = localUnit;
        this.localServerId = localServerId;
        units(allUnits);
        Map<String, InvalidationRule> byTable = new LinkedHashMap<>();
        for (InvalidationRule r : rules) {
            if (byTable.putIfAbsent(r.table(), r) != null) {
                throw new InvalidatorConfigException("table " + r.table() + " has two invalidation rules");
            }
        }
        this.rules = Map.copyOf(byTable);
    }

    /**
     * The units an ALL_UNITS change is deleted in, from the next {@link #plan} on (a rules version
     * that adds or drops a unit).
     *
     * @throws InvalidatorConfigException if this invalidator's own unit is not among them; nothing changes
     */
    public void units(List<String> allUnits) {
        if (!allUnits.contains(localUnit)) {
            throw new InvalidatorConfigException("unit " + localUnit + " is not among the units " + allUnits);
        }
        this.allUnits = List.copyOf(allUnits);
    }

    public List<String> units() {
        return allUnits;
    }

    /** The tables with rules (what the binlog consumer subscribes to). */
    public Set<String> tables() {
        return rules.keySet();
    }

    public InvalidationPlan plan(List<RowChange> changes) {
        Map<String, Set<String>> now = new LinkedHashMap<>();
        Map<Duration, Map<String, Set<String>>> later = new LinkedHashMap<>();
        long oldest = 0;
        List<String> everyUnit = allUnits; // one set of units for the whole batch
        for (RowChange c : changes) {
            InvalidationRule rule = rules.get(c.table());
            if (rule == null) {
                continue;
            }
            List<String> units;
            if (rule.scope() == Scope.LOCAL) {
                units = List.of(localUnit);
            } else if (c.originServerId() == localServerId) {
                units = everyUnit;
            } else {
                continue; // replicated in: its origin unit's invalidator deletes it everywhere
            }
            Set<String> keys = new LinkedHashSet<>();
            for (KeyTemplate t : rule.templates()) {
                add(keys, t.render(c.before()));
                add(keys, t.render(c.after()));
            }
            if (keys.isEmpty()) {
                continue;
            }
            oldest = oldest == 0 ? c.commitMillis() : Math.min(oldest, c.commitMillis());
            for (String u : units) {
                now.computeIfAbsent(u, x -> new LinkedHashSet<>()).addAll(keys);
                if (rule.doubleDeleteAfter() != null) {
                    later.computeIfAbsent(rule.doubleDeleteAfter(), d -> new LinkedHashMap<>()).computeIfAbsent(u, x -> new LinkedHashSet<>())
                            .addAll(keys);
                }
            }
        }
        return new InvalidationPlan(now, later, changes.size(), oldest);
    }

    private static void add(Set<String> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }
}
