package io.unitize.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * A module property that repeats a fact of the unit directory ({@code unitize.db.center-unit},
 * {@code unitize.id.unit-index}, ...), kept for one release: the directory's value wins, a local value
 * that agrees is accepted with a coded deprecation warning, one that disagrees is refused at startup
 * naming both values, and a local value is used (with the warning) only when the directory does not
 * hold the fact (a document from before the unit directory, or no rules at startup).
 *
 * <pre>{@code
 * String center = DeprecatedUnitProperty.named("unitize.db.center-unit", "units[] center")
 *         .resolve(props.getCenterUnit(), directory.map(d -> d.center().code()).orElse(null));
 * }</pre>
 */
public final class DeprecatedUnitProperty {

    private static final Logger log = LoggerFactory.getLogger(DeprecatedUnitProperty.class);

    private final String property;
    private final String fact;
    private final String replacementProperty; // null: the fact is in units[]

    private DeprecatedUnitProperty(String property, String fact, String replacementProperty) {
        this.property = property;
        this.fact = fact;
        this.replacementProperty = replacementProperty;
    }

    /** {@code property}: the deprecated property; {@code fact}: what units[] holds instead ("units[] center"). */
    public static DeprecatedUnitProperty named(String property, String fact) {
        return new DeprecatedUnitProperty(property, fact, null);
    }

    /**
     * A deprecated module property that repeats another property of the process ({@code unitize.id.unit}
     * repeating {@code unitize.unit}, the unit whose units[] entry the rules subscriber reads).
     */
    public static DeprecatedUnitProperty repeating(String property, String replacementProperty) {
        return new DeprecatedUnitProperty(property, replacementProperty, replacementProperty);
    }

    /**
     * The value to use: {@code fromDirectory} when known, else {@code local}; null when neither is.
     *
     * @throws UnitFactConflictException when both are given and differ
     */
    public <T> T resolve(T local, T fromDirectory) {
        if (local == null) {
            return fromDirectory;
        }
        if (fromDirectory == null && replacementProperty != null) {
            log.warn("UNITIZE-RULE-063 {} is deprecated and will be removed in the next release; it is used ({}) because {} "
                    + "is not set. Next: set {} instead and remove the property", property, local, replacementProperty, replacementProperty);
            return local;
        }
        if (fromDirectory == null) {
            log.warn("UNITIZE-RULE-063 {} is deprecated and will be removed in the next release; it is used ({}) because the "
                    + "rules document has no {}. Next: put it into units[] and remove the property", property, local, fact);
            return local;
        }
        if (!Objects.equals(local, fromDirectory) && replacementProperty != null) {
            throw UnitFactConflictException.ofProperty(property, String.valueOf(local), replacementProperty, String.valueOf(fromDirectory));
        }
        if (!Objects.equals(local, fromDirectory)) {
            throw new UnitFactConflictException(property, String.valueOf(local), fact, String.valueOf(fromDirectory));
        }
        log.warn("UNITIZE-RULE-063 {} is deprecated and will be removed in the next release: {}{} ({}) says the same. "
                + "Next: remove the property", property, replacementProperty == null ? "the rules document's " : "", fact, fromDirectory);
        return fromDirectory;
    }
}
