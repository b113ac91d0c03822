package io.unitize.jobs;

/** Where a scheduled job runs. */
public enum JobMode {
    /** Only in the center unit (the rules' {@code role: CENTER}); every other unit skips it. */
    CENTER,
    /**
     * In every unit, handed the slot ranges the unit owns under the rules in force, minus the frozen
     * slots: it scans only its own buyers, and after a cutover its next run scans the new ranges.
     */
    UNIT,
    /** In every unit, with no slot ranges (unit-local housekeeping). */
    ALL
}
