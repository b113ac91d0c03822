package io.unitize.core;

/**
 * A local property disagrees with the unit directory ({@code units[]} of the rules document): refused
 * at startup rather than behaving as two different topologies at once.
 */
public class UnitFactConflictException extends UnitizeException {

    private final String property;
    private final String localValue;
    private final String directoryValue;

    public UnitFactConflictException(String property, String localValue, String fact, String directoryValue) {
        super("UNITIZE-RULE-062 " + property + " is '" + localValue + "' but the rules document's " + fact + " is '"
                + directoryValue + "': the unit directory (units[]) is the one home of this fact. Next: remove " + property
                + " (deprecated) or correct units[] in the control center");
        this.property = property;
        this.localValue = localValue;
        this.directoryValue = directoryValue;
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
