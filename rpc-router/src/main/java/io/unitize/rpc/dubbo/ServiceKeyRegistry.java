package io.unitize.rpc.dubbo;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceKeys;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServiceKeys} of the UNIT interfaces an application exports or refers to, by interface
 * name: registered when a service or reference is configured; for a generic reference (no class
 * given) loaded once by name when the class is on the classpath. One map read per call.
 */
final class ServiceKeyRegistry {

    private static final Object NONE = new Object();

    private final Map<String, Object> byService = new ConcurrentHashMap<>();

    /** Checks and registers a UNIT interface (a bad one fails here, at startup). */
    void register(Class<?> unitInterface) {
        byService.put(unitInterface.getName(), ServiceKeys.of(unitInterface));
    }

    /** The keys of {@code service}, or {@code null}: not a UNIT interface, or its class is not on this classpath. */
    ServiceKeys of(String service) {
        Object k = byService.get(service);
        if (k == null) {
            k = byService.computeIfAbsent(service, ServiceKeyRegistry::load);
        }
        return k == NONE ? null : (ServiceKeys) k;
    }

    private static Object load(String service) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> c = Class.forName(service, false, cl != null ? cl : ServiceKeyRegistry.class.getClassLoader());
            HARoute route = c.getAnnotation(HARoute.class);
            return route != null && route.value() == RouteType.UNIT ? ServiceKeys.of(c) : NONE;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return NONE; // a generic consumer without the interface: the first argument is the key (the UnitApi rule)
        }
    }
}
