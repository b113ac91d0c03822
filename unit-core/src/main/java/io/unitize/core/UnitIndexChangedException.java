package io.unitize.core;

/**
 * A rules version was refused because it changes (or drops) the index a unit was given in the
 * version before: a unit's index is given once and never changes (ids and keys carry it).
 */
public class UnitIndexChangedException extends UnitizeException {

    private final String unit;
    private final int oldIndex;
    private final Integer newIndex;

    public UnitIndexChangedException(String unit, int oldIndex, Integer newIndex, long versionInForce, long offeredVersion) {
        super("UNITIZE-RULE-061 rules version " + offeredVersion + " refused: it "
                + (newIndex == null ? "drops the index of unit '" + unit + "' (index " + oldIndex + ")"
                        : "changes the index of unit '" + unit + "' from " + oldIndex + " to " + newIndex)
                + " given in version " + versionInForce + "; a unit's index never changes. Next: keep \"index\": " + oldIndex
                + " for unit '" + unit + "'");
        this.unit = unit;
        this.oldIndex = oldIndex;
        this.newIndex = newIndex;
    }

    public String unit() {
        return unit;
    }

    public int oldIndex() {
        return oldIndex;
    }

    /** The index the refused version gives, or null when it gives none. */
    public Integer newIndex() {
        return newIndex;
    }
}
