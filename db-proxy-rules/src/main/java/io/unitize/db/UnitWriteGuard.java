package io.unitize.db;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The write guard's decision, framework-free: may this unit's database take a write to
 * {@code table} with these buyers, under the rules in force? The rules are read per statement
 * (a volatile read of the subscriber's snapshot), so a new version is in force for every statement
 * checked after the subscriber reported it. Checks, in order: undeclared tables (strict); rules in
 * force; center-only tables outside the center; hint vs SQL; every written row pinned to a buyer by
 * the SQL (else the hint's buyer added as a condition, where the adapter can, else an open
 * maintenance scope, else refused); frozen; two units in one statement; homed elsewhere.
 */
public final class UnitWriteGuard {

    private final String unit;
    private final Map<String, GuardedTable> tables;
    private final Set<String> maintenanceTables;
    private final boolean strict;
    private final Supplier<RulesSnapshot> rules;
    private final GuardCounters counters = new GuardCounters();

    private UnitWriteGuard(Builder b) {
        this.unit = b.unit;
        this.tables = Map.copyOf(b.tables);
        this.maintenanceTables = Set.copyOf(b.maintenanceTables);
        this.strict = b.strict;
        this.rules = b.rules;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String unit() {
        return unit;
    }

    /** Statements audited through this guard, accepted and refused by reason (the adapters count them). */
    public GuardCounters counters() {
        return counters;
    }

    /** Whether writes to undeclared tables are refused. */
    public boolean isStrict() {
        return strict;
    }

    /** The declared tables. */
    public java.util.Collection<GuardedTable> tables() {
        return tables.values();
    }

    /** The table as configured, or null. */
    public GuardedTable table(String name) {
        return tables.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The decision for a statement that must pin its rows by itself (no rewrite).
     *
     * @throws UnitWriteRefusedException if the write must not happen here; nothing was written
     */
    public void checkWrite(String tableName, StatementBuyers buyers) throws UnitWriteRefusedException {
        decide(tableName, buyers, false);
    }

    /**
     * May this unit's database take a write to {@code tableName} whose rows the SQL pins to
     * {@code buyers}? A hint ({@link WriteHint}, {@code @UnitKey}, {@code UnitContext}) may name the
     * buyer where the SQL does not, but never widens the statement: every buyer the SQL shows must be
     * the hint's, and when the SQL does not pin every written row, the statement is accepted only if
     * {@code pinnable} (the adapter can add {@code buyer_column = hint} to its WHERE) — the permit then
     * says so — and refused otherwise.
     *
     * @param pinnable whether the adapter can add the hint's buyer as a condition to this statement
     * @throws UnitWriteRefusedException if the write must not happen here; nothing was written
     */
    public WritePermit decide(String tableName, StatementBuyers buyers, boolean pinnable) throws UnitWriteRefusedException {
        String name = tableName.toLowerCase(Locale.ROOT);
        GuardedTable table = tables.get(name);
        if (table == null) {
            if (strict) {
                throw new UnitWriteRefusedException(name, null, -1, -1, UnitWriteRefusedException.Reason.UNDECLARED_TABLE,
                        "table " + name + " is not declared; declare it as unit (with its buyer column), center or center-unit "
                                + "(unitize.db.tables." + name + ".kind), or turn strict mode off");
            }
            return new WritePermit(name, null, null);
        }
        RulesSnapshot r;
        try {
            r = rules.get();
        } catch (RulesUnavailableException e) {
            throw new UnitWriteRefusedException(name, null, -1, -1, UnitWriteRefusedException.Reason.NO_RULES,
                    "no rules in force in unit " + unit + " yet: " + e.getMessage());
        }
        if (table.kind() != TableKind.UNIT) {
            UnitDefinition center = r.center();
            if (!center.code().equals(unit)) {
                throw new UnitWriteRefusedException(name, null, -1, r.version(), UnitWriteRefusedException.Reason.CENTER_ONLY,
                        table.kind() + " table " + name + " is written only in the center (" + center.code() + "), this is " + unit);
            }
            return new WritePermit(name, null, null);
        }
        Long hint = WriteHint.current();
        Set<Long> ids = new LinkedHashSet<>(buyers.buyerIds());
        Long pin = null;
        if (hint != null) {
            for (Long id : ids) {
                if (!id.equals(hint)) {
                    throw new UnitWriteRefusedException(name, id, r.slotOf(id), r.version(), UnitWriteRefusedException.Reason.HINT_CONFLICT,
                            "the statement writes buyer " + id + " but the hint (@UnitKey / UnitContext) says buyer " + hint);
                }
            }
        }
        if (!buyers.complete() || ids.isEmpty()) {
            if (hint != null && pinnable) {
                pin = hint; // sent with "buyer_column = hint" added: it touches only the hint's rows
                ids.add(hint);
            } else if (hint == null && ids.isEmpty() && maintenanceTables.contains(name) && MaintenanceWrites.isOpenFor(name)) {
                return new WritePermit(name, table.buyerColumn(), null); // audited when the scope was opened
            } else {
                String why = buyers.complete() ? "the SQL pins no buyer" : buyers.gap();
                throw new UnitWriteRefusedException(name, ids.isEmpty() ? hint : ids.iterator().next(), -1, r.version(),
                        UnitWriteRefusedException.Reason.NO_BUYER, "every written row of unit table " + name + " must be pinned to a buyer by "
                        + "the SQL, and " + why + (hint == null ? "" : "; the hint (buyer " + hint + ") cannot stand in for that in this statement "
                        + "form (a hint never lets a statement touch rows the SQL does not pin)") + ": put " + table.buyerColumn()
                        + " = ? in the WHERE (or the row values)");
            }
        }
        List<Long> list = new ArrayList<>(ids);
        for (Long id : list) {
            if (r.isFrozen(id)) {
                throw new UnitWriteRefusedException(name, id, r.slotOf(id), r.version(), UnitWriteRefusedException.Reason.FROZEN,
                        "the buyer is being moved between units; retry after the cutover");
            }
        }
        String home = r.unitOf(list.get(0)).code();
        for (Long id : list) {
            String other = r.unitOf(id).code();
            if (!other.equals(home)) {
                throw new UnitWriteRefusedException(name, id, r.slotOf(id), r.version(), UnitWriteRefusedException.Reason.MIXED_UNITS,
                        "one statement writes buyer " + list.get(0) + " (" + home + ") and buyer " + id + " (" + other + "); split it per unit");
            }
        }
        if (!home.equals(unit)) {
            Long id = list.get(0);
            throw new UnitWriteRefusedException(name, id, r.slotOf(id), r.version(), UnitWriteRefusedException.Reason.NOT_HOMED_HERE,
                    "the buyer is homed in " + home + ", not in " + unit + "; write it there");
        }
        return new WritePermit(name, table.buyerColumn(), pin);
    }

    /** Validating builder; errors name the field and value. */
    public static final class Builder {
        private String unit;
        private final Map<String, GuardedTable> tables = new LinkedHashMap<>();
        private final Set<String> maintenanceTables = new LinkedHashSet<>();
        private boolean strict = true;
        private Supplier<RulesSnapshot> rules;

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder table(GuardedTable table) {
            if (tables.putIfAbsent(table.name(), table) != null) {
                throw new IllegalArgumentException("table " + table.name() + " is declared twice");
            }
            return this;
        }

        /** Unit tables that {@link MaintenanceWrites} may write without a buyer. */
        public Builder maintenanceTable(String name) {
            maintenanceTables.add(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Refuse writes to undeclared tables (default true: nothing unguarded by oversight). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        public Builder rules(Supplier<RulesSnapshot> rules) {
            this.rules = rules;
            return this;
        }

        public UnitWriteGuard build() {
            if (unit == null || unit.isBlank()) {
                throw new IllegalArgumentException("unit must be set (this database's unit), but was '" + unit + "'");
            }
            if (rules == null) {
                throw new IllegalArgumentException("rules must be set (e.g. rulesSubscriber::snapshot)");
            }
            for (String m : maintenanceTables) {
                GuardedTable t = tables.get(m);
                if (t == null || t.kind() != TableKind.UNIT) {
                    throw new IllegalArgumentException("maintenance table " + m + " must be a declared unit table, but is "
                            + (t == null ? "not declared" : t.kind()));
                }
            }
            return new UnitWriteGuard(this);
        }
    }
}
