package io.unitize.sandbox.junit;

import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Starts the sandbox once per test JVM and shares it among every test class; it is stopped when
 * the JVM's test plan ends. Each class asks for the server kinds it needs and missing ones are
 * started on demand. Tests isolate themselves by names (database, topic, key, data id), never by
 * restarting servers; a test that stops a server for a fault must start it again.
 *
 * <p>System property {@code unitize.sandbox.dir} changes the base folder (default
 * {@code target/unitize-sandbox}).
 */
public final class UnitSandboxExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(UnitSandboxExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context).ensureStarted(kinds(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == UnitSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        UnitSandbox sandbox = shared(extensionContext);
        sandbox.ensureStarted(kinds(extensionContext));
        return sandbox;
    }

    private static List<ServerKind> kinds(ExtensionContext context) {
        return context.getTestClass()
                .map(c -> c.getAnnotation(SandboxServers.class))
                .map(a -> List.of(a.value()))
                .orElse(List.copyOf(EnumSet.allOf(ServerKind.class)));
    }

    private static UnitSandbox shared(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(SharedSandbox.class, k -> new SharedSandbox(), SharedSandbox.class).sandbox;
    }

    /** Closed by JUnit when the root context (the whole test plan of this JVM) ends. */
    private static final class SharedSandbox implements ExtensionContext.Store.CloseableResource {
        private final UnitSandbox sandbox = UnitSandbox.builder()
                .baseDir(Path.of(System.getProperty("unitize.sandbox.dir", "target/unitize-sandbox")))
                .build();

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
