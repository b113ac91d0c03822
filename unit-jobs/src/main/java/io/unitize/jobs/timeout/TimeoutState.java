package io.unitize.jobs.timeout;

/** The life of a timeout task: PENDING -> CLAIMED -> FIRED, or PENDING -> CANCELLED; a failed call goes back to PENDING. */
public enum TimeoutState {
    PENDING, CLAIMED, FIRED, CANCELLED
}
