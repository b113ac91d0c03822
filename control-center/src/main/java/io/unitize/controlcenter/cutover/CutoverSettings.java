package io.unitize.controlcenter.cutover;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of each step. A step before SWITCH that exceeds its bound is rolled back.
 *
 * @param publishTimeout   freeze publication to every unit's Nacos
 * @param freezeAckTimeout every live agent applied the freeze
 * @param syncTimeout      marker written and seen in the target unit
 * @param switchAckTimeout every live agent applied the new routes (after that: a warning, no rollback)
 * @param replayTimeout    replay request delivered (after that: a warning)
 * @param pollInterval     how often acknowledgements and markers are checked
 * @param replayMargin     replay starts at T minus this (clock skew between units, and the lag of the consumers:
 *                         a message produced before T and not yet applied when the freeze came must be replayed)
 * @param freezeTimeout    the longest the moving slots stay frozen before the new routes are stored: when it
 *                         has passed since the freeze was published, whatever the step and the cause, the
 *                         cutover rolls back. Null = publishTimeout + freezeAckTimeout + 2 x syncTimeout
 */
public record CutoverSettings(Duration publishTimeout, Duration freezeAckTimeout, Duration syncTimeout,
                              Duration switchAckTimeout, Duration replayTimeout, Duration pollInterval,
                              Duration replayMargin, Duration freezeTimeout) {

    public CutoverSettings {
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(freezeAckTimeout, "freezeAckTimeout");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(switchAckTimeout, "switchAckTimeout");
        Objects.requireNonNull(replayTimeout, "replayTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(replayMargin, "replayMargin");
        if (freezeTimeout == null) {
            freezeTimeout = publishTimeout.plus(freezeAckTimeout).plus(syncTimeout.multipliedBy(2));
        }
        if (freezeTimeout.isNegative() || freezeTimeout.isZero()) {
            throw new IllegalArgumentException("freezeTimeout must be > 0, but was " + freezeTimeout);
        }
    }

    /** With the freeze timeout derived from the step bounds. */
    public CutoverSettings(Duration publishTimeout, Duration freezeAckTimeout, Duration syncTimeout,
                           Duration switchAckTimeout, Duration replayTimeout, Duration pollInterval, Duration replayMargin) {
        this(publishTimeout, freezeAckTimeout, syncTimeout, switchAckTimeout, replayTimeout, pollInterval, replayMargin, null);
    }

    public static CutoverSettings defaults() {
        return new CutoverSettings(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(60));
    }

    Duration timeoutOf(CutoverStep step) {
        return switch (step) {
            case FREEZE -> publishTimeout;
            case CONFIRM_FREEZE, ROLLBACK -> freezeAckTimeout;
            case MARK, CONFIRM_SYNC -> syncTimeout;
            case SWITCH -> switchAckTimeout;
            case REPLAY, DONE -> replayTimeout;
        };
    }

    /** The configuration property of {@link #timeoutOf(CutoverStep)}, for messages. */
    static String propertyOf(CutoverStep step) {
        return switch (step) {
            case FREEZE -> "publish-timeout";
            case CONFIRM_FREEZE, ROLLBACK -> "freeze-ack-timeout";
            case MARK, CONFIRM_SYNC -> "sync-timeout";
            case SWITCH -> "switch-ack-timeout";
            case REPLAY, DONE -> "replay-timeout";
        };
    }
}
