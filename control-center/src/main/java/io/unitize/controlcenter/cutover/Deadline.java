package io.unitize.controlcenter.cutover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a step must give up, and which bound says so ("sync-timeout 30s", "freeze-timeout 85s"),
 * for the failure message.
 */
public record Deadline(Instant at, String bound) {

    public static Deadline after(Instant start, Duration timeout, String property) {
        return new Deadline(start.plus(timeout), property + " " + human(timeout));
    }

    /** The earlier of the two; {@code other} may be null. */
    public Deadline earliest(Deadline other) {
        return other == null || !other.at.isBefore(at) ? this : other;
    }

    public boolean passed(Clock clock) {
        return clock.instant().isAfter(at);
    }

    @Override
    public String toString() {
        return bound;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
