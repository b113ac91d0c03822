package io.unitize.controlcenter.cutover;

import io.unitize.core.UnitizeException;

/**
 * A valid request that cannot run now: another cutover holds the slots, the slots are frozen, or
 * there are no rules yet. Nothing was changed.
 */
public class CutoverConflictException extends UnitizeException {

    private final String conflictingCutover;

    public CutoverConflictException(String message, String conflictingCutover) {
        super(message);
        this.conflictingCutover = conflictingCutover;
    }

    /** The cutover in the way, or null. */
    public String conflictingCutover() {
        return conflictingCutover;
    }
}
