package io.unitize.jobs;

/** What one scheduled fire of a job did in this instance. */
public enum JobRunOutcome {
    /** The body ran and returned. */
    RAN,
    /** The body ran and threw (logged UNITIZE-JOB-012); the lease is released. */
    FAILED,
    /** A CENTER job in a unit that is not the center. */
    SKIPPED_NOT_CENTER,
    /** A UNIT job whose unit owns no slot that is not frozen now. */
    SKIPPED_NO_SLOTS,
    /** Another instance of this unit holds the lease, or already ran this fire. */
    SKIPPED_LEASE_HELD,
    /** No rules were applied yet (the unit cannot know what it owns). */
    SKIPPED_NO_RULES,
    /** The lease table could not be reached (logged UNITIZE-JOB-011). */
    SKIPPED_LEASE_UNAVAILABLE
}
