package io.unitize.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The unit directory of one rules version: the rules document's {@code units[]} compiled for reading
 * (which unit is the center, each unit's index and named endpoints). Immutable and compiled with the
 * {@link RulesSnapshot}; every lookup is a field or hash-map read. Modules read these facts here,
 * never from properties of their own.
 *
 * <pre>{@code
 * UnitDirectory units = snapshot.directory();
 * String center = units.center().code();
 * String namesrv = units.endpoint("unit-b", UnitEndpoints.ROCKETMQ).orElseThrow();
 * UnitDirectory.Local here = units.seenFrom("unit-b");   // this unit, its index, its peers
 * }</pre>
 */
public final class UnitDirectory {

    private final long version;
    private final List<UnitDefinition> units;
    private final Map<String, UnitDefinition> byCode;
    private final UnitDefinition center;
    private volatile Local lastLocal; // a process asks from one unit: cached

    private UnitDirectory(long version, List<UnitDefinition> units) {
        this.version = version;
        this.units = List.copyOf(units);
        Map<String, UnitDefinition> map = new HashMap<>();
        UnitDefinition c = null;
        for (UnitDefinition u : this.units) {
            map.put(u.code(), u);
            if (u.isCenter()) {
                c = u;
            }
        }
        this.byCode = Map.copyOf(map);
        this.center = Objects.requireNonNull(c, "validated units have a center");
    }

    /** The directory of a (validated) rules document. */
    public static UnitDirectory of(UnitRules rules) {
        return new UnitDirectory(rules.version(), rules.units());
    }

    /** The rules version this directory was compiled from. */
    public long version() {
        return version;
    }

    /** Every unit, in the document's order. */
    public List<UnitDefinition> units() {
        return units;
    }

    /** The center unit. */
    public UnitDefinition center() {
        return center;
    }

    public boolean isCenter(String code) {
        return center.code().equals(code);
    }

    /** The unit of that code, if declared. */
    public Optional<UnitDefinition> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The unit of that code; {@link UnknownUnitException} when {@code units[]} does not declare it. */
    public UnitDefinition unit(String code) {
        UnitDefinition u = byCode.get(code);
        if (u == null) {
            throw new UnknownUnitException(code, version, codes());
        }
        return u;
    }

    /** The endpoint {@code name} of unit {@code code}, if both exist. */
    public Optional<String> endpoint(String code, String name) {
        UnitDefinition u = byCode.get(code);
        return u == null ? Optional.empty() : u.findEndpoint(name);
    }

    /** The index of unit {@code code}, if declared and given. */
    public OptionalInt indexOf(String code) {
        UnitDefinition u = byCode.get(code);
        return u == null ? OptionalInt.empty() : u.indexIfGiven();
    }

    /** Every unit but {@code code}, in the document's order. */
    public List<UnitDefinition> peersOf(String code) {
        List<UnitDefinition> out = new ArrayList<>(units.size());
        for (UnitDefinition u : units) {
            if (!u.code().equals(code)) {
                out.add(u);
            }
        }
        return List.copyOf(out);
    }

    /** Unit codes in the document's order. */
    public List<String> codes() {
        return units.stream().map(UnitDefinition::code).toList();
    }

    /** The directory as seen from the unit {@code self} runs in (compiled once per directory). */
    public Local seenFrom(String self) {
        Local l = lastLocal;
        if (l == null || !l.self.equals(self)) {
            l = new Local(this, self);
            lastLocal = l;
        }
        return l;
    }

    /**
     * Refuses {@code next} when it changes or drops the index of a unit this directory gives one to:
     * an index is given once (ids carry it) and never changes.
     *
     * @throws UnitIndexChangedException naming the unit, its index here and the one in {@code next}
     */
    public void requireIndexesKeptBy(UnitDirectory next) {
        for (UnitDefinition before : units) {
            if (before.index() == null) {
                continue;
            }
            UnitDefinition after = next.byCode.get(before.code());
            if (after != null && !before.index().equals(after.index())) {
                throw new UnitIndexChangedException(before.code(), before.index(), after.index(), version, next.version);
            }
        }
    }

    /** Same units (code, role, index, endpoints) in the same order; the version is not compared. */
    public boolean sameUnitsAs(UnitDirectory other) {
        return other != null && units.equals(other.units);
    }

    @Override
    public String toString() {
        return "UnitDirectory{version=" + version + ", units=" + codes() + ", center=" + center.code() + "}";
    }

    /** The directory from one unit: this unit, its index, its peers, the center. Immutable. */
    public static final class Local {
        private final UnitDirectory all;
        private final String self;
        private final UnitDefinition selfUnit; // null when units[] does not declare it
        private final List<UnitDefinition> peers;

        private Local(UnitDirectory all, String self) {
            this.all = all;
            this.self = self;
            this.selfUnit = all.byCode.get(self);
            this.peers = all.peersOf(self);
        }

        /** The whole directory. */
        public UnitDirectory all() {
            return all;
        }

        /** The code of the unit this process runs in. */
        public String code() {
            return self;
        }

        /** This unit's entry; {@link UnknownUnitException} when {@code units[]} does not declare it. */
        public UnitDefinition self() {
            if (selfUnit == null) {
                throw new UnknownUnitException(self, all.version, all.codes());
            }
            return selfUnit;
        }

        /** This unit's index, if {@code units[]} gives it one. */
        public OptionalInt index() {
            return selfUnit == null ? OptionalInt.empty() : selfUnit.indexIfGiven();
        }

        public UnitDefinition center() {
            return all.center;
        }

        public boolean isCenter() {
            return all.center.code().equals(self);
        }

        /** Every other unit. */
        public List<UnitDefinition> peers() {
            return peers;
        }

        /** This unit's endpoint {@code name}. */
        public Optional<String> endpoint(String name) {
            return selfUnit == null ? Optional.empty() : selfUnit.findEndpoint(name);
        }

        /** Unit {@code code}'s endpoint {@code name}. */
        public Optional<String> endpoint(String code, String name) {
            return all.endpoint(code, name);
        }

        public long version() {
            return all.version;
        }

        /** Same units and the same self (versions are not compared). */
        public boolean sameAs(Local other) {
            return other != null && self.equals(other.self) && all.sameUnitsAs(other.all);
        }

        @Override
        public String toString() {
            return "UnitDirectory.Local{self=" + self + ", version=" + all.version + ", units=" + all.codes() + "}";
        }
    }
}
