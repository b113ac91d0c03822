package io.unitize.controlcenter.cutover;

public enum CutoverStatus {
    RUNNING, ROLLING_BACK,
    /** New routes in force; see warnings for anything not confirmed after the switch. */
    DONE,
    /** Routes unchanged, freeze lifted; {@code failure} says which step, unit or agent failed. */
    ROLLED_BACK;

    public boolean finished() {
        return this == DONE || this == ROLLED_BACK;
    }
}
