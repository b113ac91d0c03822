package io.unitize.rpc;

/** Reads and checks the {@link HARoute} of a service interface. */
public final class HARouteInspector {

    private HARouteInspector() {
    }

    /**
     * The route type of {@code serviceInterface}, or {@code null} when it is not annotated (Unitize
     * leaves its calls alone).
     *
     * @throws InvalidHARouteException if it is UNIT and a method has no route key Unitize can read
     *         ({@link ServiceKeys#of}: the first long, or {@code @UnitKey})
     */
    public static RouteType routeTypeOf(Class<?> serviceInterface) {
        HARoute route = serviceInterface.getAnnotation(HARoute.class);
        if (route == null) {
            return null;
        }
        if (route.value() == RouteType.UNIT) {
            ServiceKeys.of(serviceInterface); // every method's route key found and readable, or a refusal naming it
        }
        return route.value();
    }
}
