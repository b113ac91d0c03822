package io.unitize.db.mybatis;

import io.unitize.db.WriteHint;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;

import io.unitize.core.key.RouteKeyReader;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets the write guard's hint ({@link WriteHint}) from a mapper method's {@link UnitKey} for the
 * duration of each insert/update/delete, so the guard knows the buyer of statements whose SQL does
 * not show it; a mapper method without it whose parameter's class marks its buyer field with
 * unit-core's {@code io.unitize.core.key.UnitKey} (the DTO an RPC method is keyed by) gets that
 * field. Without either the guard falls back to {@code UnitContext}. Register it as
 * a MyBatis plugin (mybatis-spring-boot picks up an {@code Interceptor} bean by itself).
 * Works with the SIMPLE and REUSE executors (the statement runs inside the call); with BATCH the
 * statements run at flush, outside the hint — use UnitContext there.
 */
@Intercepts(@Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}))
public class UnitKeyInterceptor implements Interceptor {

    /** Where a statement's buyer is: parameter name / property path, or none (cached per statement id). */
    private final Map<String, Optional<String>> keys = new ConcurrentHashMap<>();

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        MappedStatement ms = (MappedStatement) invocation.getArgs()[0];
        Object parameter = invocation.getArgs()[1];
        Optional<String> path = keys.computeIfAbsent(ms.getId(), UnitKeyInterceptor::findKey);
        if (path.isEmpty()) {
            return invocation.proceed();
        }
        Long buyer = buyer(ms, parameter, path.get());
        if (buyer == null) {
            return invocation.proceed(); // the guard refuses a unit-table write without a buyer, naming it
        }
        try (WriteHint.Scope ignored = WriteHint.buyer(buyer)) {
            return invocation.proceed();
        }
    }

    private static Long buyer(MappedStatement ms, Object parameter, String path) {
        if (parameter instanceof Number n && (path.isEmpty() || path.equals("param1"))) {
            return n.longValue();
        }
        if (parameter == null) {
            return null;
        }
        MetaObject meta = ms.getConfiguration().newMetaObject(parameter);
        Object value = meta.hasGetter(path) ? meta.getValue(path) : null;
        return value instanceof Number n ? n.longValue() : null;
    }

    /** "com.example.OrderMapper.setStatus" -> the @UnitKey of that mapper method. */
    static Optional<String> findKey(String statementId) {
        int dot = statementId.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Class<?> mapper;
        try {
            mapper = Class.forName(statementId.substring(0, dot), false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty(); // an XML-only statement: no annotations to read
        }
        String name = statementId.substring(dot + 1);
        for (Method m : mapper.getMethods()) {
            if (!m.getName().equals(name)) {
                continue;
            }
            UnitKey onMethod = m.getAnnotation(UnitKey.class);
            if (onMethod != null) {
                return Optional.of(onMethod.value());
            }
            Annotation[][] params = m.getParameterAnnotations();
            for (int i = 0; i < params.length; i++) {
                String paramName = null;
                boolean key = false;
                for (Annotation a : params[i]) {
                    if (a instanceof UnitKey) {
                        key = true;
                    } else if (a instanceof Param p) {
                        paramName = p.value();
                    }
                }
                if (key) {
                    return Optional.of(paramName != null ? paramName : params.length == 1 ? "" : "param" + (i + 1));
                }
            }
            Optional<String> field = dtoField(m);
            if (field.isPresent()) {
                return field;
            }
        }
        return Optional.empty();
    }

    /**
     * The form shared with the RPC router: unit-core's {@code @UnitKey} on the buyer field of one
     * parameter's class ({@code update(Order order)}, {@code Order.buyerId} marked). Only buyer keys:
     * a routable id carries the slot, not the buyer the guard checks.
     */
    static Optional<String> dtoField(Method m) {
        Annotation[][] annotations = m.getParameterAnnotations();
        Class<?>[] types = m.getParameterTypes();
        String found = null;
        for (int i = 0; i < types.length; i++) {
            for (Field f : RouteKeyReader.keyFields(types[i])) {
                if (f.getAnnotation(io.unitize.core.key.UnitKey.class).kind() != io.unitize.core.key.UnitKey.Kind.BUYER_ID) {
                    continue;
                }
                if (found != null) {
                    return Optional.empty(); // ambiguous: the guard refuses the write without a buyer, naming it
                }
                String paramName = null;
                for (Annotation a : annotations[i]) {
                    if (a instanceof Param p) {
                        paramName = p.value();
                    }
                }
                String prefix = paramName != null ? paramName + "." : types.length == 1 ? "" : "param" + (i + 1) + ".";
                found = prefix + f.getName();
            }
        }
        return Optional.ofNullable(found);
    }
}
