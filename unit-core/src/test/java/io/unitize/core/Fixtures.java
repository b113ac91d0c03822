package io.unitize.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Rule documents for tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + path + " missing", e);
        }
    }

    /** center owns 0-4999, unit-b 5000-9999. */
    public static UnitRules.Builder twoUnits(long version) {
        return UnitRules.builder().version(version).updatedAt(Instant.parse("2026-11-22T01:00:00Z")).author("test").reason("fixture")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:18080")))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:28080")))
                .route(0, 4999, "center").route(5000, 9999, "unit-b");
    }
}
