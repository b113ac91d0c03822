package io.unitize.id.spring;

/**
 * The ID service cannot start as configured (UNITIZE-ID-040 unit index, -041 tags, -042/043 HTTP
 * access); {@link IdConfigFailureAnalyzer} shows it with {@link #action()}. (id-service does not
 * depend on unit-core, so this is not a {@code UnitizeConfigException}.)
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
