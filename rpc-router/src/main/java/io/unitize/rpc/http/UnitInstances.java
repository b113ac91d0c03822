package io.unitize.rpc.http;

import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceProviders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The instances of one service seen in every unit's registry, grouped by the unit each belongs to
 * (its {@code unitize.unit} metadata, else the unit of the registry it was found in). Immutable;
 * rebuilt when a registry pushes a change, read per call.
 *
 * @param <I> the instance type (Spring Cloud's {@code ServiceInstance} in the adapter)
 */
public final class UnitInstances<I> {

    private static final UnitInstances<?> NONE = new UnitInstances<>(Map.of());

    private final Map<String, List<I>> byUnit;

    private UnitInstances(Map<String, List<I>> byUnit) {
        this.byUnit = byUnit;
    }

    @SuppressWarnings("unchecked")
    public static <I> UnitInstances<I> none() {
        return (UnitInstances<I>) NONE;
    }

    /**
     * @param perRegistry the instances each unit's registry holds (key: that registry's unit)
     * @param unitOf an instance's own unit, or {@code null} when it names none
     */
    public static <I> UnitInstances<I> merge(Map<String, List<I>> perRegistry, Function<I, String> unitOf) {
        Map<String, List<I>> byUnit = new TreeMap<>();
        perRegistry.forEach((registryUnit, instances) -> {
            for (I i : instances) {
                String u = unitOf.apply(i);
                byUnit.computeIfAbsent(u == null || u.isBlank() ? registryUnit : u, k -> new ArrayList<>()).add(i);
            }
        });
        byUnit.replaceAll((u, l) -> List.copyOf(l));
        return new UnitInstances<>(Map.copyOf(byUnit));
    }

    /** The instances that belong to {@code unit} (empty when none). */
    public List<I> in(String unit) {
        return byUnit.getOrDefault(unit, List.of());
    }

    public ServiceProviders providers(RouteType type) {
        return new ServiceProviders(type, byUnit.keySet());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        byUnit.forEach((u, l) -> sb.append(sb.length() == 1 ? "" : ", ").append(u).append('=').append(l.size()));
        return sb.append('}').toString();
    }
}
