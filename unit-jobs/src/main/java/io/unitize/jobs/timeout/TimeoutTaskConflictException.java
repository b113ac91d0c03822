package io.unitize.jobs.timeout;

import io.unitize.core.UnitizeException;

/** A task registered under a key that a different task of the same buyer already holds; the stored task is unchanged. */
public class TimeoutTaskConflictException extends UnitizeException {

    private final TimeoutTaskView existing;

    public TimeoutTaskConflictException(TimeoutTask refused, TimeoutTaskView existing) {
        super("UNITIZE-JOB-033 timeout task refused: buyer " + refused.buyerId() + " already has task '" + refused.key()
                + "' (callback " + existing.task().callback() + ", due " + existing.task().dueAt() + ", " + existing.state()
                + ") with other content; an idempotency key names one task. Next: use a new key, or cancel the task first");
        this.existing = existing;
    }

    public TimeoutTaskView existing() {
        return existing;
    }
}
