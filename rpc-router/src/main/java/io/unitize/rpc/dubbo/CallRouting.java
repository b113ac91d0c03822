package io.unitize.rpc.dubbo;

import io.unitize.core.UnitizeException;
import io.unitize.core.key.RouteKeyReader;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceKeys;
import io.unitize.rpc.ServiceProviders;
import org.apache.dubbo.rpc.Invocation;

/** Reads a Dubbo invocation for the route decision; decides once per call and keeps the result on it. */
final class CallRouting {

    private CallRouting() {
    }

    /**
     * The service interface a call is for (also for a generic call), without group and version:
     * route types and provider units are tracked per interface.
     */
    static String serviceInterface(Invocation invocation) {
        String key = invocation.getTargetServiceUniqueName(); // [group/]interface[:version]
        if (key == null) {
            return null;
        }
        int slash = key.indexOf('/');
        int colon = key.lastIndexOf(':');
        return key.substring(slash + 1, colon > slash ? colon : key.length());
    }

    static boolean isGeneric(Invocation invocation) {
        String m = invocation.getMethodName();
        Object[] args = invocation.getArguments();
        return ("$invoke".equals(m) || "$invokeAsync".equals(m)) && args != null && args.length == 3 && args[2] instanceof Object[];
    }

    /** The business method's name (the invoked one for a generic call). */
    static String method(Invocation invocation) {
        return isGeneric(invocation) ? String.valueOf(invocation.getArguments()[0]) : invocation.getMethodName();
    }

    /** The business method's arguments, also for a generic call. */
    static Object[] arguments(Invocation invocation) {
        return isGeneric(invocation) ? (Object[]) invocation.getArguments()[2] : invocation.getArguments();
    }

    /**
     * The route key reader of the called method of a UNIT service, or {@code null} when it is not
     * known here (a generic consumer without the interface class; the first argument is the key then).
     */
    static RouteKeyReader reader(UnitizeDubbo context, String service, Invocation invocation) {
        ServiceKeys keys = context.keys().of(service);
        if (keys == null) {
            return null;
        }
        if (isGeneric(invocation)) {
            Object[] a = invocation.getArguments();
            return a[1] instanceof String[] types ? keys.reader(String.valueOf(a[0]), types) : null;
        }
        return keys.reader(invocation.getMethodName(), invocation.getParameterTypes());
    }

    /** The business method's first argument (the buyerId of a UNIT call), also for a generic call. */
    static Object firstArgument(Invocation invocation) {
        Object[] args = arguments(invocation);
        return args == null || args.length == 0 ? null : args[0];
    }

    static String target(UnitizeDubbo context, String service, ServiceProviders providers, Invocation invocation) {
        Object decided = invocation.get(UnitizeParams.TARGET_ATTRIBUTE);
        if (decided instanceof String unit) {
            return unit;
        }
        String unit;
        try {
            RouteKeyReader key = providers.routeType() == RouteType.UNIT ? reader(context, service, invocation) : null;
            unit = key != null
                    ? context.decider().targetUnit(service, key, arguments(invocation), isGeneric(invocation), context.rules(), providers)
                    : context.decider().targetUnit(service, method(invocation), firstArgument(invocation), context.rules(), providers);
        } catch (UnitizeException refused) {
            context.counters().refused(RouteCounters.Refusal.of(refused));
            throw refused;
        }
        context.counters().decided(providers.routeType(), unit.equals(context.unit()));
        invocation.put(UnitizeParams.TARGET_ATTRIBUTE, unit);
        return unit;
    }
}
