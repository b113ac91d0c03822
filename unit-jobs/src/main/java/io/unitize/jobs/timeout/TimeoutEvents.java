package io.unitize.jobs.timeout;

import java.time.Duration;

/**
 * What the timeout center and its firer did, for meters ({@code io.unitize.jobs.micrometer.JobsMetrics})
 * or any other listener. Called on the registering thread and on the firer's threads: keep it cheap and
 * never throw. {@link #NONE} ignores everything.
 */
public interface TimeoutEvents {

    TimeoutEvents NONE = new TimeoutEvents() {
    };

    /** Why {@link TimeoutCenter#register} refused a task. */
    enum Refusal {
        /** The buyer is homed in another unit ({@link io.unitize.core.UnitMisrouteException}). */
        MISROUTED,
        /** The buyer is frozen ({@link io.unitize.core.UnitWriteFrozenException}). */
        FROZEN,
        /** Another task is stored under the same key ({@link TimeoutTaskConflictException}). */
        CONFLICT,
        /** The callback is not known in this process ({@link UnknownTimeoutCallbackException}). */
        UNKNOWN_CALLBACK
    }

    /** A task was stored (or was already stored with the same content). */
    default void registered(TimeoutTask task) {
    }

    default void refused(TimeoutTask task, Refusal why) {
    }

    /** The callback returned and the task is FIRED; {@code lateness}: when the callback ran minus the due time. */
    default void fired(FiredTimeout fired, Duration lateness) {
    }

    /** The callback threw (or is unknown here): the task is PENDING again, after a backoff. */
    default void callbackFailed(TimeoutTask task) {
    }

    /**
     * After each poll: how many tasks of this unit's buyers are due but held back because their buyers
     * are frozen (0 when nothing this unit owns is frozen). They fire when the freeze lifts.
     */
    default void waitingOnFreeze(long tasks) {
    }
}
