package io.unitize.controlcenter.grey;

/** Where one wave of a grey plan stands. */
public enum WaveStatus {
    PENDING,
    /** Its cutover runs (freeze, confirm, mark, confirm sync, switch, replay). */
    CUTOVER,
    /** Switched; its gates run. */
    GATES,
    AWAITING_APPROVAL,
    /** Switched and every gate passed: its slots stay on the target. */
    PASSED,
    /** A gate failed: its slots move back to their source (a confirmed cutover each). */
    ROLLING_BACK,
    /** Its slots route to their source again (moved back, or its own cutover rolled back before the switch). */
    ROLLED_BACK,
    /** Its slots could not be moved back: they are still on the target (see the plan's failure). */
    ROLLBACK_FAILED,
    /** An earlier wave stopped the plan: it never ran. */
    NOT_RUN
}
