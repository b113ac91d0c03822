package io.unitize.drill.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Remembers the engine's root context so that {@link DrillEnvironment} (one per test JVM, like the
 * sandbox) is closed at the end of the run, before the sandbox (registered after it).
 */
public final class DrillExtension implements BeforeAllCallback {

    static volatile ExtensionContext root;

    @Override
    public void beforeAll(ExtensionContext context) {
        root = context.getRoot();
    }
}
