package io.unitize.controlcenter.cutover;

/**
 * A step did not complete within its bound, or cannot complete: the message names the bound, the
 * unit or agent and why. Before SWITCH the cutover rolls back; after it, the message becomes a warning.
 */
public final class StepFailedException extends Exception {

    public StepFailedException(String message) {
        super(message, null, false, false);
    }
}
