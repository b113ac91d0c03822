package io.unitize.sandbox.junit;

import io.unitize.sandbox.ServerKind;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against the shared sandbox of this test JVM, with at least the given server
 * kinds started; a {@code UnitSandbox} parameter (constructor, lifecycle or test method) receives it.
 *
 * <pre>{@code
 * @SandboxServers({ServerKind.NACOS})
 * class MyIT {
 *     @Test void works(UnitSandbox sandbox) { ... sandbox.unit("unit-b").nacosAddr() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(UnitSandboxExtension.class)
public @interface SandboxServers {

    /** The server kinds this class needs (default: all). */
    ServerKind[] value() default {ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL};
}
