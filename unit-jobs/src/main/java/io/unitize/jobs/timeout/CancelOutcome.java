package io.unitize.jobs.timeout;

/** What {@link TimeoutCenter#cancel} found. */
public enum CancelOutcome {
    /** It was PENDING and is CANCELLED now: it never fires. */
    CANCELLED,
    /** It was cancelled before. */
    ALREADY_CANCELLED,
    /** Its callback is running (CLAIMED) or has run (FIRED): too late. */
    TOO_LATE,
    /** No task of this buyer has this key. */
    NOT_FOUND
}
