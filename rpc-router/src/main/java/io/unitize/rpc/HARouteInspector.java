package io.unitize.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

/** Reads and checks the {@link HARoute} of a service interface. */
public final class HARouteInspector {

    private HARouteInspector() {
    }

    /**
     * The route type of {@code serviceInterface}, or {@code null} when it is not annotated (Unitize
     * leaves its calls alone).
     *
     * @throws InvalidHARouteException if it is UNIT and a method does not take {@code long buyerId} first
     */
    public static RouteType routeTypeOf(Class<?> serviceInterface) {
        HARoute route = serviceInterface.getAnnotation(HARoute.class);
        if (route == null) {
            return null;
        }
        if (route.value() == RouteType.UNIT) {
            Method[] methods = serviceInterface.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::toGenericString)); // the same method named first on every run
            for (Method m : methods) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] params = m.getParameterTypes();
                if (params.length == 0) {
                    throw new InvalidHARouteException(serviceInterface.getName(), signature(m), "has no parameter");
                }
                if (params[0] != long.class) {
                    throw new InvalidHARouteException(serviceInterface.getName(), signature(m),
                            "takes " + params[0].getSimpleName() + " first, not long buyerId");
                }
            }
        }
        return route.value();
    }

    private static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(params[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}
