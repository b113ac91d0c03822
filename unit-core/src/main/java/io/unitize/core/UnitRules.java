package io.unitize.core;

import io.unitize.core.internal.RulesJson;
import io.unitize.core.internal.RulesValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules document (see DESIGN.md): units, the slot transform, the routing table (slot ranges to
 * units, covering every slot exactly once), the frozen ranges and a strictly increasing version,
 * with who/when/why for audit. Immutable; every instance is valid (the builder and
 * {@link #fromJson(String)} refuse anything else with an {@link InvalidRulesException}).
 *
 * <pre>{@code
 * UnitRules rules = UnitRules.builder()
 *         .version(1).author("alice").reason("initial")
 *         .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:18080")))
 *         .unit(UnitDefinition.of("unit-b", UnitRole.UNIT))
 *         .route(0, 4999, "center").route(5000, 9999, "unit-b")
 *         .build();
 * RulesSnapshot snapshot = rules.compile();      // array lookups
 * String home = snapshot.unitOf(buyerId).code();
 * }</pre>
 */
public final class UnitRules {

    private final long version;
    private final Instant updatedAt;
    private final String author;
    private final String reason;
    private final List<UnitDefinition> units;
    private final SlotTransform transform;
    private final List<SlotRoute> routes;
    private final List<SlotRange> freezes;

    private UnitRules(Builder b) {
        this.version = b.version;
        this.updatedAt = b.updatedAt;
        this.author = b.author;
        this.reason = b.reason;
        this.units = List.copyOf(b.units);
        this.transform = b.transform;
        this.routes = List.copyOf(b.routes);
        this.freezes = List.copyOf(b.freezes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses and validates a JSON rules document. */
    public static UnitRules fromJson(String json) {
        return RulesJson.parse(json);
    }

    /** The canonical JSON form: stable field order, two-space indentation, one range per line. */
    public String toJson() {
        return RulesJson.write(this);
    }

    /** Compiles the document into a snapshot whose lookups are array reads. */
    public RulesSnapshot compile() {
        return RulesSnapshot.compile(this);
    }

    /** A builder pre-filled with this document, to derive the next version. */
    public Builder toBuilder() {
        Builder b = new Builder().version(version).updatedAt(updatedAt).author(author).reason(reason).transform(transform);
        units.forEach(b::unit);
        routes.forEach(b::route);
        freezes.forEach(b::freeze);
        return b;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String author() {
        return author;
    }

    /** Why this version was made; may be null. */
    public String reason() {
        return reason;
    }

    public List<UnitDefinition> units() {
        return units;
    }

    public SlotTransform transform() {
        return transform;
    }

    public List<SlotRoute> routes() {
        return routes;
    }

    public List<SlotRange> freezes() {
        return freezes;
    }

    /** The unit of that code, if declared. */
    public Optional<UnitDefinition> unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    /** The center unit. */
    public UnitDefinition center() {
        return units.stream().filter(UnitDefinition::isCenter).findFirst().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitRules r && version == r.version && Objects.equals(updatedAt, r.updatedAt)
                && Objects.equals(author, r.author) && Objects.equals(reason, r.reason) && units.equals(r.units)
                && transform.equals(r.transform) && routes.equals(r.routes) && freezes.equals(r.freezes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, updatedAt, author, reason, units, transform, routes, freezes);
    }

    @Override
    public String toString() {
        return "UnitRules{version=" + version + ", units=" + units.stream().map(UnitDefinition::code).toList()
                + ", routes=" + routes + ", freezes=" + freezes + "}";
    }

    /** Collects the fields; {@link #build()} validates them all and names every violation. */
    public static final class Builder {
        private long version;
        private Instant updatedAt;
        private String author;
        private String reason;
        private final List<UnitDefinition> units = new ArrayList<>();
        private SlotTransform transform = SlotTransform.defaults();
        private final List<SlotRoute> routes = new ArrayList<>();
        private final List<SlotRange> freezes = new ArrayList<>();

        private Builder() {
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** When this version was made (default: now, at {@link #build()}). */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder unit(UnitDefinition unit) {
            units.add(unit);
            return this;
        }

        /** Replaces every unit (the unit directory). */
        public Builder units(List<UnitDefinition> all) {
            units.clear();
            units.addAll(all);
            return this;
        }

        public Builder transform(SlotTransform transform) {
            this.transform = transform;
            return this;
        }

        public Builder route(SlotRoute route) {
            routes.add(route);
            return this;
        }

        public Builder route(int from, int to, String unit) {
            return route(SlotRoute.of(from, to, unit));
        }

        /** Replaces the whole routing table. */
        public Builder routes(List<SlotRoute> table) {
            routes.clear();
            routes.addAll(table);
            return this;
        }

        public Builder freeze(SlotRange range) {
            freezes.add(range);
            return this;
        }

        public Builder freeze(int from, int to) {
            return freeze(SlotRange.of(from, to));
        }

        /** Replaces every freeze. */
        public Builder freezes(List<SlotRange> ranges) {
            freezes.clear();
            freezes.addAll(ranges);
            return this;
        }

        public UnitRules build() {
            if (updatedAt == null) {
                updatedAt = Instant.now();
            }
            List<String> violations = RulesValidator.violations(version, author, units, transform, routes, freezes);
            if (!violations.isEmpty()) {
                throw new InvalidRulesException(violations);
            }
            return new UnitRules(this);
        }
    }
}
