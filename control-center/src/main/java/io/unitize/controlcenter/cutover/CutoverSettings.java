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
 * @param replayMargin     replay starts at T minus this (clock skew between units)
 */
public record CutoverSettings(Duration publishTimeout, Duration freezeAckTimeout, Duration syncTimeout,
                              Duration switchAckTimeout, Duration replayTimeout, Duration pollInterval,
                              Duration replayMargin) {

    public CutoverSettings {
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(freezeAckTimeout, "freezeAckTimeout");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(switchAckTimeout, "switchAckTimeout");
        Objects.requireNonNull(replayTimeout, "replayTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(replayMargin, "replayMargin");
    }

    public static CutoverSettings defaults() {
        return new CutoverSettings(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(5));
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
}
