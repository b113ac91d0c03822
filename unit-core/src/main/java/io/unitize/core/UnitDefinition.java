package io.unitize.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One unit of the rules document's {@code units[]}, the unit directory: its code, role, stable
 * {@code index} (given once, never changed: the unit bits of ids, for instance) and named endpoints
 * ({@link UnitEndpoints}: {@code gateway}, {@code rocketmq}, {@code redis.<cluster>}, {@code id-service}, ...).
 * In JSON the endpoints are the unit object's other string fields. Credentials are never here: they
 * stay in each process's local configuration.
 *
 * @param index the unit's index, or null for a document that gives none (documents before the unit directory)
 */
public record UnitDefinition(String code, UnitRole role, Integer index, Map<String, String> endpoints) {

    public UnitDefinition {
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(endpoints));
    }

    /** A unit without an index (a document before the unit directory). */
    public UnitDefinition(String code, UnitRole role, Map<String, String> endpoints) {
        this(code, role, null, endpoints);
    }

    public static UnitDefinition of(String code, UnitRole role) {
        return new UnitDefinition(code, role, null, Map.of());
    }

    public static UnitDefinition of(String code, UnitRole role, Map<String, String> endpoints) {
        return new UnitDefinition(code, role, null, endpoints);
    }

    public static UnitDefinition of(String code, UnitRole role, int index, Map<String, String> endpoints) {
        return new UnitDefinition(code, role, index, endpoints);
    }

    /** This unit with {@code index}. */
    public UnitDefinition withIndex(int index) {
        return new UnitDefinition(code, role, index, endpoints);
    }

    /** This unit with the endpoint {@code name} set to {@code value} (replacing one of that name). */
    public UnitDefinition withEndpoint(String name, String value) {
        Map<String, String> copy = new TreeMap<>(endpoints);
        copy.put(name, value);
        return new UnitDefinition(code, role, index, copy);
    }

    public boolean isCenter() {
        return role == UnitRole.CENTER;
    }

    /** The unit's index, if the document gives one. */
    public OptionalInt indexIfGiven() {
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** The endpoint of that name, e.g. {@code endpoint("gateway")}, or null. */
    public String endpoint(String name) {
        return endpoints.get(name);
    }

    /** The endpoint of that name, if this unit has one. */
    public Optional<String> findEndpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitDefinition u && Objects.equals(code, u.code) && role == u.role && Objects.equals(index, u.index)
                && endpoints.equals(u.endpoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, role, index, endpoints);
    }
}
