package io.unitize.controlcenter.cutover;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How one execution of a step ended. Stored and shown in lower case ({@code "ok"}, {@code "skipped"},
 * ...), the form cutovers saved before this type existed, so those rows still read.
 */
public enum StepOutcome {
    OK, SKIPPED, FAILED,
    /** The control center stopped during the step; it ran again after the restart. */
    INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StepOutcome ofLabel(String label) {
        for (StepOutcome o : values()) {
            if (o.label().equals(label) || o.name().equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("not a step outcome: " + label + " (ok, skipped, failed, interrupted)");
    }
}
