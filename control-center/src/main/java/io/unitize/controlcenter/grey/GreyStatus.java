package io.unitize.controlcenter.grey;

/** Where a grey plan stands. */
public enum GreyStatus {
    /** A wave's cutover or its gates are running. */
    RUNNING,
    /** Every automatic gate of the current wave passed; waiting for {@code POST .../approve} (or {@code .../abort}). */
    AWAITING_APPROVAL,
    /** A gate failed (or an operator aborted): the current wave's slots are moving back to their source. */
    ROLLING_BACK,
    /** Every wave switched and passed its gates. */
    DONE,
    /** A gate failed or a wave's cutover rolled back: that wave is back on its source, earlier waves stay, later waves never ran. */
    FAILED,
    /** An operator stopped the plan: as FAILED, the current wave rolled back, earlier waves stay. */
    ABORTED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == ABORTED;
    }
}
