package io.unitize.jobs;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;

import java.time.Instant;
import java.util.Map;

/** Rules fixtures: center owns 0-4999, unit-b 5000-9999, optionally a freeze and a moved range. */
public final class Rules {

    private Rules() {
    }

    public static UnitRules.Builder base(long version) {
        return UnitRules.builder().version(version).updatedAt(Instant.parse("2026-12-02T00:00:00Z")).author("test").reason("fixture")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()));
    }

    /** v: center 0-4999, unit-b 5000-9999. */
    public static RulesSnapshot split(long version) {
        return base(version).route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile();
    }

    /** v: as {@link #split} with 7000-7999 frozen. */
    public static RulesSnapshot frozen(long version) {
        return base(version).route(0, 4999, "center").route(5000, 9999, "unit-b").freeze(7000, 7999).build().compile();
    }

    /** v: 7000-7999 moved to the center, no freeze. */
    public static RulesSnapshot moved(long version) {
        return base(version).route(0, 4999, "center").route(5000, 6999, "unit-b").route(7000, 7999, "center")
                .route(8000, 9999, "unit-b").build().compile();
    }
}
