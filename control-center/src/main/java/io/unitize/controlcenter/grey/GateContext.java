package io.unitize.controlcenter.grey;

import io.unitize.core.SlotRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a gate sees: the plan, the wave, the bound it must decide by, and the pause between looks.
 *
 * @param stop true when an operator asked the plan to stop (the gate then ends at its next look)
 */
public record GateContext(GreyPlan plan, Wave wave, Instant deadline, Clock clock, Duration poll, BooleanSupplier stop) {

    /** Pauses one poll interval; false when the deadline has passed or the plan is being stopped. */
    public boolean waitMore() throws InterruptedException {
        if (stop.getAsBoolean() || !clock.instant().isBefore(deadline)) {
            return false;
        }
        Thread.sleep(poll.toMillis());
        return !stop.getAsBoolean() && clock.instant().isBefore(deadline);
    }

    /** The slots of every wave switched so far (those that passed and this one). */
    public List<SlotRange> switchedSlots() {
        return plan.waves().stream().filter(w -> w.status() == WaveStatus.PASSED || w.index() == wave.index())
                .map(Wave::range).toList();
    }
}
