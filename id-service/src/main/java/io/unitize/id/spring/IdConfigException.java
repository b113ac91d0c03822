package io.unitize.id.spring;

/**
 * The ID service cannot start as configured (UNITIZE-ID-040 unit index, -041 tags, -042/043 HTTP
 * access, -045 no {@code unitize.unit}); {@link IdConfigFailureAnalyzer} shows it with {@link #action()}.
 * (It predates id-service's unit-core dependency, so it is no {@code UnitizeConfigException}; a
 * deprecated property that disagrees with units[] is one: UNITIZE-RULE-062.)
 */
public class IdConfigException extends IllegalStateException {

    static final String ACTION = "Set or fix the unitize.id.* property named above, as id-service's README shows "
            + "(the unit index differs in every unit and never changes), then start again.";

    IdConfigException(String message) {
        super(message);
    }

    IdConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What to change so that the application starts. */
    public String action() {
        return ACTION;
    }
}
