package io.unitize.core;

/**
 * A local property disagrees with the unit directory ({@code units[]} of the rules document): refused
 * at startup rather than behaving as two different topologies at once. A {@link UnitizeConfigException},
 * so Spring Boot prints it through {@code UnitizeConfigFailureAnalyzer} (description: both values;
 * action: remove the property or correct units[]).
 */
public class UnitFactConflictException extends UnitizeConfigException {

    private final String property;
    private final String localValue;
    private final String directoryValue;

    public UnitFactConflictException(String property, String localValue, String fact, String directoryValue) {
        this(property, localValue, directoryValue,
                "UNITIZE-RULE-062 " + property + " is '" + localValue + "' but the rules document's " + fact + " is '"
                        + directoryValue + "': the unit directory (units[]) is the one home of this fact. Next: remove " + property
                        + " (deprecated) or correct units[] in the control center",
                "Remove " + property + " from this application's configuration: it is deprecated and units[] of the rules "
                        + "document is the one home of this fact (" + fact + " '" + directoryValue + "'). If units[] is the wrong "
                        + "one, publish a corrected rules version from the control center instead. See the migration notes "
                        + "(docs/MIGRATION.md).");
    }

    private UnitFactConflictException(String property, String localValue, String directoryValue, String message, String action) {
        super(message, action);
        this.property = property;
        this.localValue = localValue;
        this.directoryValue = directoryValue;
    }

    /**
     * A deprecated module property repeating another property of the process ({@code unitize.id.unit} repeating
     * {@code unitize.unit}) disagrees with it.
     */
    public static UnitFactConflictException ofProperty(String property, String localValue, String replacement, String value) {
        return new UnitFactConflictException(property, localValue, value,
                "UNITIZE-RULE-062 " + property + " is '" + localValue + "' but " + replacement + " is '" + value
                        + "': a process runs in one unit, named once. Next: remove " + property + " (deprecated)",
                "Remove " + property + " from this application's configuration: it is deprecated, " + replacement
                        + " names the unit (the unit the rules subscriber reads units[] for). See the migration notes "
                        + "(docs/MIGRATION.md).");
    }

    public String property() {
        return property;
    }

    public String localValue() {
        return localValue;
    }

    public String directoryValue() {
        return directoryValue;
    }
}
