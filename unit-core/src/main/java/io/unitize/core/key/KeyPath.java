package io.unitize.core.key;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a path of property names on a class into accessors, once: a record component, a public
 * getter, or else the field (made accessible). Each accessor is an {@code (Object)Object}
 * {@link MethodHandle}; the types they read are kept for the startup checks.
 */
final class KeyPath {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    final MethodHandle[] steps;
    final Class<?>[] owners;
    final String[] names;
    final Class<?> valueType;

    private KeyPath(MethodHandle[] steps, Class<?>[] owners, String[] names, Class<?> valueType) {
        this.steps = steps;
        this.owners = owners;
        this.names = names;
        this.valueType = valueType;
    }

    /** Thrown with the reason a step could not be resolved; the caller names the method and key. */
    static final class Unresolvable extends Exception {
        Unresolvable(String why) {
            super(why, null, false, false);
        }
    }

    static KeyPath of(Class<?> root, List<String> names) throws Unresolvable {
        List<MethodHandle> steps = new ArrayList<>();
        List<Class<?>> owners = new ArrayList<>();
        Class<?> type = root;
        for (String name : names) {
            if (name.isEmpty()) {
                throw new Unresolvable("is not a path: it has an empty name (" + String.join(".", names) + ")");
            }
            if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
                throw new Unresolvable("cannot be read: " + type.getSimpleName() + " has no property '" + name + "' Unitize reads");
            }
            Accessor a = accessor(type, name);
            steps.add(a.handle);
            owners.add(type);
            type = a.type;
        }
        return new KeyPath(steps.toArray(new MethodHandle[0]), owners.toArray(new Class<?>[0]), names.toArray(new String[0]), type);
    }

    private record Accessor(MethodHandle handle, Class<?> type) {
    }

    private static Accessor accessor(Class<?> type, String name) throws Unresolvable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    if (c.getName().equals(name)) {
                        Method m = c.getAccessor();
                        m.setAccessible(true);
                        return new Accessor(lookup.unreflect(m).asType(GETTER), m.getReturnType());
                    }
                }
            }
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String getter : new String[]{"get" + cap, "is" + cap}) {
                try {
                    Method m = type.getMethod(getter);
                    if (!Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class) {
                        m.setAccessible(true); // a public method of a non-public class
                        return new Accessor(lookup.unreflect(m).asType(GETTER), m.getReturnType());
                    }
                } catch (NoSuchMethodException notThisOne) {
                    // next
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        return new Accessor(lookup.unreflectGetter(f).asType(GETTER), f.getType());
                    }
                } catch (NoSuchFieldException notHere) {
                    // the superclass
                }
            }
        } catch (IllegalAccessException | RuntimeException e) { // InaccessibleObjectException: a class of a closed module
            throw new Unresolvable("cannot be read: " + type.getSimpleName() + "." + name + " is not accessible (" + e.getMessage() + ")");
        }
        throw new Unresolvable("is missing: " + type.getSimpleName() + " has no record component, getter or field '" + name + "'");
    }

    /** The non-static fields of {@code type} and its superclasses annotated {@link UnitKey}. */
    static List<Field> annotatedFields(Class<?> type) {
        List<Field> found = new ArrayList<>();
        if (type.isPrimitive() || type.isArray() || type.isInterface() || type.getName().startsWith("java.")) {
            return found;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(UnitKey.class)) {
                    found.add(f);
                }
            }
        }
        return found;
    }
}
