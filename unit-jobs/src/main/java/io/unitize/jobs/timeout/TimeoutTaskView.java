package io.unitize.jobs.timeout;

import java.time.Instant;

/**
 * A stored task as the unit's database holds it.
 *
 * @param firedAt   when the callback returned (null until FIRED)
 * @param firedUnit the unit that fired it (null until FIRED)
 * @param lastError the last callback failure, if any
 */
public record TimeoutTaskView(TimeoutTask task, TimeoutState state, int attempts, Instant firedAt, String firedUnit,
                              String lastError) {
}
