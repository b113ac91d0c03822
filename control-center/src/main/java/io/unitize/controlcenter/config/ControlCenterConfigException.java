package io.unitize.controlcenter.config;

/** The control center's configuration is unusable; the message names the property and what to set. */
public class ControlCenterConfigException extends RuntimeException {

    private final String property;

    public ControlCenterConfigException(String property, String message) {
        super(message);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
