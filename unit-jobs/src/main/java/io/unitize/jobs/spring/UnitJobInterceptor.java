package io.unitize.jobs.spring;

import io.unitize.jobs.JobDefinition;
import io.unitize.jobs.JobsConfigException;
import io.unitize.jobs.UnitJob;
import io.unitize.jobs.UnitJobRunner;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a {@link UnitJob} method through the {@link UnitJobRunner}: mode, lease, one run per fire window. */
final class UnitJobInterceptor implements MethodInterceptor {

    record Spec(String name, io.unitize.jobs.JobMode mode, Duration leaseFor, long windowMillis) {
    }

    private final ObjectProvider<UnitJobRunner> runner;
    private final Clock clock;
    private final Map<Method, Spec> specs = new ConcurrentHashMap<>();

    UnitJobInterceptor(ObjectProvider<UnitJobRunner> runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /** Reads and checks the annotation (at startup, for every annotated method). */
    static Spec spec(Method method, UnitJob a) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (method.getReturnType() != void.class || method.getParameterCount() != 0) {
            throw new JobsConfigException("@UnitJob method " + where + " must return void and take no argument (read "
                    + "JobContext.current()), but is " + method.toGenericString());
        }
        String name = a.name().isEmpty() ? where : a.name();
        Duration lease = duration(where, "leaseFor", a.leaseFor());
        Duration window = duration(where, "fireWindow", a.fireWindow());
        new JobDefinition(name, a.mode(), lease, ctx -> { }); // validates the name and the lease
        return new Spec(name, a.mode(), lease, window.toMillis());
    }

    private static Duration duration(String where, String attribute, String value) {
        try {
            Duration d = Duration.parse(value);
            if (d.toMillis() < 1) {
                throw new JobsConfigException("@UnitJob " + where + ": " + attribute + " must be >= 1 ms, but was " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new JobsConfigException("@UnitJob " + where + ": " + attribute + " must be an ISO-8601 duration such as PT1M, but was '"
                    + value + "'");
        }
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method m = invocation.getMethod();
        Spec spec = specs.computeIfAbsent(m, x -> spec(x, AnnotatedElementUtils.findMergedAnnotation(x, UnitJob.class)));
        long w = spec.windowMillis();
        Instant fire = Instant.ofEpochMilli((clock.millis() + w / 4) / w * w);
        runner.getObject().run(new JobDefinition(spec.name(), spec.mode(), spec.leaseFor(), ctx -> {
            try {
                invocation.proceed();
            } catch (Exception e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }), fire);
        return null;
    }
}
