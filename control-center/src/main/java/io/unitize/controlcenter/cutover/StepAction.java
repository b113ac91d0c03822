package io.unitize.controlcenter.cutover;

/**
 * One forward step of a cutover. It must be safe to run again (after a restart, or after an
 * unexpected error while it can still be undone): it saves what it has done in the {@link Cutover}
 * and skips what is already there. Steps are built from the {@link StepPorts} in
 * {@link CutoverSteps}; to add a check to a step, wrap its action there.
 */
public interface StepAction {

    CutoverStep step();

    /**
     * Runs the step within {@code deadline}.
     *
     * @throws StepFailedException if it did not complete within the deadline, or the operator stopped the cutover
     */
    StepResult run(Cutover cutover, Deadline deadline) throws InterruptedException, StepFailedException;
}
