package io.unitize.core;

/**
 * A configuration that cannot work, found at startup: the message names the property, the rule and
 * the value; {@link #action()} says what to change. Every starter's misconfiguration is one of these
 * (or a subclass with the starter's code), and Spring Boot shows both through
 * {@code io.unitize.core.spring.UnitizeConfigFailureAnalyzer} as "APPLICATION FAILED TO START".
 */
public class UnitizeConfigException extends UnitizeException {

    private final String action;

    public UnitizeConfigException(String message, String action) {
        super(message);
        this.action = action;
    }

    public UnitizeConfigException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What to change so that the application starts. */
    public String action() {
        return action;
    }
}
