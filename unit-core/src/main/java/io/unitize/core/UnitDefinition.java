package io.unitize.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One unit of the rules document: its code, role and named endpoints (e.g. {@code gateway}).
 * In JSON the endpoints are the unit object's other string fields.
 */
public record UnitDefinition(String code, UnitRole role, Map<String, String> endpoints) {

    public UnitDefinition {
        endpoints = endpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(endpoints));
    }

    public static UnitDefinition of(String code, UnitRole role) {
        return new UnitDefinition(code, role, Map.of());
    }

    public static UnitDefinition of(String code, UnitRole role, Map<String, String> endpoints) {
        return new UnitDefinition(code, role, endpoints);
    }

    public boolean isCenter() {
        return role == UnitRole.CENTER;
    }

    /** The endpoint of that name, e.g. {@code endpoint("gateway")}, or null. */
    public String endpoint(String name) {
        return endpoints.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitDefinition u && Objects.equals(code, u.code) && role == u.role && endpoints.equals(u.endpoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, role, endpoints);
    }
}
