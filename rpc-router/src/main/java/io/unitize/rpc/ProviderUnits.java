package io.unitize.rpc;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers of every service a consumer calls, merged over all the places they are seen from
 * (one provider list per registry, i.e. per unit). Written when addresses change, read per call
 * (one map lookup).
 */
public final class ProviderUnits {

    private final Map<String, Map<Object, ServiceProviders>> bySource = new ConcurrentHashMap<>();
    private final Map<String, ServiceProviders> merged = new ConcurrentHashMap<>();

    /** Records what {@code source} (e.g. the router of one registry) sees of {@code service}. */
    public void update(String service, Object source, ServiceProviders seen) {
        bySource.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(source, seen);
        remerge(service);
    }

    /** Forgets what {@code source} saw (it was destroyed). */
    public void remove(String service, Object source) {
        Map<Object, ServiceProviders> sources = bySource.get(service);
        if (sources != null) {
            sources.remove(source);
            remerge(service);
        }
    }

    /** The merged view of {@code service}, or {@code null} when no provider of it was ever seen. */
    public ServiceProviders of(String service) {
        return merged.get(service);
    }

    private synchronized void remerge(String service) {
        RouteType type = null;
        Set<String> units = new HashSet<>();
        for (ServiceProviders p : bySource.getOrDefault(service, Map.of()).values()) {
            if (type == null) {
                type = p.routeType();
            }
            units.addAll(p.units());
        }
        if (type == null && units.isEmpty()) {
            merged.remove(service);
        } else {
            merged.put(service, new ServiceProviders(type, units));
        }
    }
}
