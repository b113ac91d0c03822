package io.unitize.drill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4's sales totals (the second full drill: product 1 at 157, expected 148 — 9 calibration
 * orders of 1 unit each whose events were unapplied when the scenario took the totals, applied during
 * it). What a late event of an order unapplied at the start adds is not the scenario's; the check
 * subtracts it, in units of the order's lines.
 */
class EffectsOnceLateEventsTest {

    @Test
    void a_placed_event_applied_after_the_start_adds_its_lines_once() {
        assertThat(EffectsOnceCheck.lateSign(0, 1, 1, false)).isEqualTo(1);
    }

    @Test
    void a_cancel_applied_after_the_start_takes_them_away_once() {
        assertThat(EffectsOnceCheck.lateSign(1, 2, 2, true)).isEqualTo(-1);
    }

    @Test
    void an_order_whose_cancel_came_first_never_counted() {
        assertThat(EffectsOnceCheck.lateSign(0, 2, 2, true)).isZero();
        assertThat(EffectsOnceCheck.lateSign(0, 1, 2, true)).as("placed applied, its cancel still to come").isEqualTo(1);
    }

    @Test
    void an_event_still_not_applied_adds_nothing() {
        assertThat(EffectsOnceCheck.lateSign(0, 0, 1, false)).isZero();
        assertThat(EffectsOnceCheck.lateSign(1, 1, 2, true)).isZero();
    }
}
