package io.unitize.core;

import java.util.List;

/** A unit code that the rules document's {@code units[]} does not declare was asked for. */
public class UnknownUnitException extends UnitizeException {

    private final String unit;

    public UnknownUnitException(String unit, long rulesVersion, List<String> declared) {
        super("UNITIZE-RULE-060 unit '" + unit + "' is not in units[] of rules version " + rulesVersion + " (units: "
                + String.join(", ", declared) + "). Next: check unitize.unit, or add the unit to the rules document");
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
