package io.unitize.rpc;

import io.unitize.core.key.RouteKeyReader;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route key readers of every method of one UNIT interface, built (and so checked) at startup;
 * per call one map read by method name (and a parameter-type comparison for overloads only).
 * Framework-free: the Dubbo adapter and any other transport look up the reader of the called method.
 */
public final class ServiceKeys {

    private record Entry(Class<?>[] types, RouteKeyReader reader) {
    }

    private final String service;
    private final Map<String, Entry[]> byName;

    private ServiceKeys(String service, Map<String, Entry[]> byName) {
        this.service = service;
        this.byName = byName;
    }

    /**
     * The readers of {@code unitInterface}'s methods.
     *
     * @throws InvalidHARouteException naming the interface, the method and the key of the first method without a readable key
     */
    public static ServiceKeys of(Class<?> unitInterface) {
        Method[] methods = unitInterface.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::toGenericString)); // the same method named first on every run
        Map<String, List<Entry>> entries = new HashMap<>();
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            RouteKeyReader reader;
            try {
                reader = RouteKeyReader.of(m);
            } catch (io.unitize.core.key.InvalidRouteKeyException e) {
                throw new InvalidHARouteException(unitInterface.getName(), e);
            }
            entries.computeIfAbsent(m.getName(), n -> new ArrayList<>()).add(new Entry(m.getParameterTypes(), reader));
        }
        Map<String, Entry[]> byName = new HashMap<>();
        entries.forEach((name, list) -> byName.put(name, list.toArray(new Entry[0])));
        return new ServiceKeys(unitInterface.getName(), Map.copyOf(byName));
    }

    public String service() {
        return service;
    }

    /** The reader of the method called {@code name} with {@code types}, or {@code null} when the interface has no such method. */
    public RouteKeyReader reader(String name, Class<?>[] types) {
        Entry[] e = byName.get(name);
        if (e == null) {
            return null;
        }
        if (e.length == 1) {
            return e[0].reader;
        }
        for (Entry entry : e) {
            if (Arrays.equals(entry.types, types)) {
                return entry.reader;
            }
        }
        return null;
    }

    /** The same for a generic call, which names the parameter types ({@code "long"}, {@code "com.example.PlaceOrder"}). */
    public RouteKeyReader reader(String name, String[] typeNames) {
        Entry[] e = byName.get(name);
        if (e == null) {
            return null;
        }
        if (e.length == 1) {
            return e[0].reader;
        }
        for (Entry entry : e) {
            if (sameNames(entry.types, typeNames)) {
                return entry.reader;
            }
        }
        return null;
    }

    private static boolean sameNames(Class<?>[] types, String[] names) {
        if (names == null || names.length != types.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(names[i]) && !types[i].getCanonicalName().equals(names[i])) {
                return false;
            }
        }
        return true;
    }
}
