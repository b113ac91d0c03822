package io.unitize.controlcenter.cutover;

import java.util.Objects;

/**
 * What a step that completed reports: {@link StepOutcome#OK} or {@link StepOutcome#SKIPPED}, and a
 * line for the audit record. A step that fails throws {@link StepFailedException} instead.
 */
public record StepResult(StepOutcome outcome, String detail) {

    public StepResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != StepOutcome.OK && outcome != StepOutcome.SKIPPED) {
            throw new IllegalArgumentException("a completed step is ok or skipped, not " + outcome);
        }
    }

    public static StepResult ok(String detail) {
        return new StepResult(StepOutcome.OK, detail);
    }

    public static StepResult skipped(String detail) {
        return new StepResult(StepOutcome.SKIPPED, detail);
    }
}
