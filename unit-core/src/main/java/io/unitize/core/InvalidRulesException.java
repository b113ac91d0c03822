package io.unitize.core;

import java.util.List;

/** A rules document was refused: malformed JSON or a broken rule. {@link #violations()} names each one. */
public class InvalidRulesException extends UnitizeException {

    private final List<String> violations;

    public InvalidRulesException(List<String> violations) {
        super("rules document refused: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
