package io.unitize.core.key;

import io.unitize.core.RulesSnapshot;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the route key of one method's calls from their arguments. Built once per method (at
 * startup), where every form is found and checked — a method without a readable key fails there,
 * naming the method and the key ({@link InvalidRouteKeyException}); per call it is an array read
 * and a pre-resolved accessor per path step (no reflection lookup).
 *
 * <pre>{@code
 * RouteKeyReader reader = RouteKeyReader.of(method);          // once
 * int slot = reader.slot(args, rulesSnapshot);                // per call
 * String home = rulesSnapshot.unitOfSlot(slot).code();
 * }</pre>
 *
 * The forms, first match wins: {@link UnitKey} on the method (a path from a parameter's name), on
 * one parameter (it, or a path inside it), on a field of one parameter's class; else the first
 * parameter when it is a {@code long} (the rule of the {@code UnitApi} interfaces). A key of kind
 * {@link UnitKey.Kind#ROUTABLE_ID} is an id-service id whose bits carry the buyer's slot.
 */
public final class RouteKeyReader {

    private final String method;
    private final String key;
    private final int index;
    private final MethodHandle[] steps;
    private final Class<?>[] owners;
    private final String[] names;
    private final UnitKey.Kind kind;
    private final RoutableIdSlot idSlot;

    private RouteKeyReader(String method, String key, int index, KeyPath path, UnitKey.Kind kind, RoutableIdSlot idSlot) {
        this.method = method;
        this.key = key;
        this.index = index;
        this.steps = path.steps;
        this.owners = path.owners;
        this.names = path.names;
        this.kind = kind;
        this.idSlot = idSlot;
    }

    /**
     * The reader of {@code method}'s route key, found from its annotations (see the class comment).
     *
     * @throws InvalidRouteKeyException if the method has no route key, or one that cannot be read
     */
    public static RouteKeyReader of(Method method) {
        String sig = signature(method);
        Parameter[] params = method.getParameters();
        UnitKey onMethod = method.getAnnotation(UnitKey.class);
        if (onMethod != null) {
            return fromPath(method, onMethod.value(), onMethod);
        }
        int marked = -1;
        for (int i = 0; i < params.length; i++) {
            if (params[i].isAnnotationPresent(UnitKey.class)) {
                if (marked >= 0) {
                    throw new InvalidRouteKeyException(sig, "@UnitKey", "is ambiguous: parameters " + marked + " and " + i + " are both marked");
                }
                marked = i;
            }
        }
        if (marked >= 0) {
            UnitKey k = params[marked].getAnnotation(UnitKey.class);
            return build(method, marked, split(k.value()), label(params[marked], k.value()), k);
        }
        List<String> found = new ArrayList<>();
        RouteKeyReader byField = null;
        for (int i = 0; i < params.length; i++) {
            for (Field f : KeyPath.annotatedFields(params[i].getType())) {
                found.add(params[i].getName() + "." + f.getName());
                byField = build(method, i, List.of(f.getName()), params[i].getName() + "." + f.getName() + " (@UnitKey "
                        + f.getDeclaringClass().getSimpleName() + "." + f.getName() + ")", f.getAnnotation(UnitKey.class));
            }
        }
        if (found.size() > 1) {
            throw new InvalidRouteKeyException(sig, "@UnitKey field", "is ambiguous: " + String.join(" and ", found)
                    + " are both marked; put @UnitKey on the parameter or the method to choose");
        }
        if (byField != null) {
            return byField;
        }
        if (params.length == 0) {
            throw new InvalidRouteKeyException(sig, "none", "is missing: the method has no parameter");
        }
        if (params[0].getType() != long.class) {
            throw new InvalidRouteKeyException(sig, "none", "is missing: the method takes " + params[0].getType().getSimpleName()
                    + " first, not long buyerId, and has no @UnitKey (on the method, a parameter, or a field of an argument's class)");
        }
        return build(method, 0, List.of(), label(params[0], ""), null);
    }

    /**
     * The reader of a key described by configuration rather than annotations (e.g. per service in
     * properties): {@code path} starts with a parameter's name ({@code "buyerId"}, {@code "order.buyerId"}).
     *
     * @param idSlot null for a buyerId, or the slot field of the routable ids the path reads
     * @throws InvalidRouteKeyException if the path does not lead to a readable key
     */
    public static RouteKeyReader of(Method method, String path, RoutableIdSlot idSlot) {
        List<String> names = split(path);
        int index = parameterNamed(method, names, path);
        return new RouteKeyReader(signature(method), path, index, resolve(method, index, names.subList(1, names.size()), path),
                idSlot == null ? UnitKey.Kind.BUYER_ID : UnitKey.Kind.ROUTABLE_ID, idSlot);
    }

    private static RouteKeyReader fromPath(Method method, String path, UnitKey k) {
        List<String> names = split(path);
        int index = parameterNamed(method, names, path);
        return build(method, index, names.subList(1, names.size()), path, k);
    }

    private static int parameterNamed(Method method, List<String> names, String path) {
        String sig = signature(method);
        if (names.isEmpty()) {
            throw new InvalidRouteKeyException(sig, "\"\"", "is missing: @UnitKey on a method names the parameter, e.g. @UnitKey(\"buyerId\")");
        }
        Parameter[] params = method.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (!params[i].isNamePresent()) {
                throw new InvalidRouteKeyException(sig, path, "cannot be found: the class file has no parameter names; compile with "
                        + "-parameters (maven-compiler-plugin <parameters>true</parameters>) or put @UnitKey on the parameter");
            }
            if (params[i].getName().equals(names.get(0))) {
                return i;
            }
        }
        throw new InvalidRouteKeyException(sig, path, "is missing: no parameter is named '" + names.get(0) + "'");
    }

    private static RouteKeyReader build(Method method, int index, List<String> inside, String key, UnitKey k) {
        UnitKey.Kind kind = k == null ? UnitKey.Kind.BUYER_ID : k.kind();
        RoutableIdSlot slot;
        try {
            slot = kind == UnitKey.Kind.ROUTABLE_ID ? new RoutableIdSlot(k.slotShift(), k.slotBits()) : null;
        } catch (io.unitize.core.UnitizeConfigException e) {
            throw new InvalidRouteKeyException(signature(method), key, "is not a routable id field: " + e.getMessage());
        }
        return new RouteKeyReader(signature(method), key, index, resolve(method, index, inside, key), kind, slot);
    }

    private static KeyPath resolve(Method method, int index, List<String> inside, String key) {
        KeyPath path;
        try {
            path = KeyPath.of(method.getParameterTypes()[index], inside);
        } catch (KeyPath.Unresolvable e) {
            throw new InvalidRouteKeyException(signature(method), key, e.getMessage());
        }
        Class<?> t = path.valueType;
        if (!(t == long.class || t == Long.class || t == int.class || t == Integer.class || t == String.class)) {
            throw new InvalidRouteKeyException(signature(method), key, "cannot be read: it is " + t.getSimpleName()
                    + "; a route key is a long, int (or Long, Integer) or a number as a String");
        }
        return path;
    }

    /**
     * The fields of {@code type} (and its superclasses) marked {@link UnitKey}: what the DTO-field
     * form finds, for agents that read a class's key another way (the DB guard's MyBatis hint).
     */
    public static List<Field> keyFields(Class<?> type) {
        return KeyPath.annotatedFields(type);
    }

    /** The route key of one call: the buyerId, or the routable id ({@link #kind()}). */
    public long read(Object[] args) {
        Object v = args == null || args.length <= index ? null : args[index];
        for (MethodHandle step : steps) {
            if (v == null) {
                break;
            }
            try {
                v = (Object) step.invokeExact(v);
            } catch (Throwable t) {
                throw new RouteKeyMissingException(method, key, "reading it failed: " + t);
            }
        }
        return toLong(v);
    }

    /**
     * The route key of a generic call (Dubbo {@code $invoke}): an argument of a class with properties
     * may arrive as a {@code Map} of its property names (Dubbo's {@code PojoUtils}), read by name.
     */
    public long readGeneric(Object[] args) {
        Object v = args == null || args.length <= index ? null : args[index];
        for (int i = 0; i < steps.length && v != null; i++) {
            if (v instanceof Map<?, ?> map) {
                v = map.get(names[i]);
            } else if (owners[i].isInstance(v)) {
                try {
                    v = (Object) steps[i].invokeExact(v);
                } catch (Throwable t) {
                    throw new RouteKeyMissingException(method, key, "reading it failed: " + t);
                }
            } else {
                throw new RouteKeyMissingException(method, key, "the argument at that step is " + v.getClass().getSimpleName()
                        + ", not " + owners[i].getSimpleName() + " or a map of its properties");
            }
        }
        return toLong(v);
    }

    /** The slot of a call: the rules' transform of the buyerId, or the slot bits of the routable id. */
    public int slot(Object[] args, RulesSnapshot rules) {
        return slotOf(read(args), rules);
    }

    /**
     * The slot of a route key read by this reader.
     *
     * @throws RouteKeyMissingException if a routable id carries a slot beyond the rules' slot count
     */
    public int slotOf(long key, RulesSnapshot rules) {
        if (idSlot == null) {
            return rules.slotOf(key);
        }
        int slot = idSlot.slotOf(key);
        if (slot >= rules.slotCount()) {
            throw new RouteKeyMissingException(method, this.key, "id " + key + " carries slot " + slot + ", beyond the rules' "
                    + rules.slotCount() + " slots (not an id of the layout " + idSlot + "?)");
        }
        return slot;
    }

    private long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) { // a DTO's text id, or a generic call from a gateway carrying numbers as text
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new RouteKeyMissingException(method, key, "got text '" + s + "', not a number");
            }
        }
        throw new RouteKeyMissingException(method, key, v == null ? "it is null" : "got " + v.getClass().getSimpleName() + " " + v);
    }

    /** The method, e.g. {@code place(PlaceOrder)}. */
    public String method() {
        return method;
    }

    /** Where the key is read, e.g. {@code "request.buyerId (@UnitKey PlaceOrder.buyerId)"} or {@code "buyerId (parameter 0)"}. */
    public String key() {
        return key;
    }

    public UnitKey.Kind kind() {
        return kind;
    }

    /** The parameter the key is read from. */
    public int parameterIndex() {
        return index;
    }

    /** The slot field of a {@link UnitKey.Kind#ROUTABLE_ID} key; null for a buyerId. */
    public RoutableIdSlot idSlot() {
        return idSlot;
    }

    @Override
    public String toString() {
        return "RouteKeyReader[" + method + ": " + key + ", " + kind + (idSlot == null ? "" : " " + idSlot) + "]";
    }

    private static List<String> split(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split("\\.", -1)).map(String::trim).toList();
    }

    private static String label(Parameter p, String inside) {
        int i = Arrays.asList(p.getDeclaringExecutable().getParameters()).indexOf(p);
        String name = p.isNamePresent() ? p.getName() : "arg" + i;
        return (inside.isBlank() ? name : name + "." + inside) + " (parameter " + i + ")";
    }

    static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(params[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}
