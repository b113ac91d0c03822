package io.unitize.shop.inventory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drill's orphan reservations (invariant 1): a compensating release that timed out too is repaired by the sweeper. */
class ReservationSweepTest {

    private final List<Long> orphans = new ArrayList<>();
    private final List<Long> released = new ArrayList<>();
    private String replicationProblem;
    private Duration askedGrace;

    private final ReservationSweep.Reservations reservations = new ReservationSweep.Reservations() {
        @Override
        public List<Long> orphaned(Duration grace, int limit) {
            askedGrace = grace;
            return orphans.stream().limit(limit).toList();
        }

        @Override
        public String replicationProblem(Duration grace) {
            return replicationProblem;
        }
    };

    /** Idempotent like InventoryServiceImpl.release: true only the first time. */
    private boolean release(long orderId) {
        if (released.contains(orderId)) {
            return false;
        }
        released.add(orderId);
        orphans.remove(orderId);
        return true;
    }

    private final ReservationSweep sweep = new ReservationSweep(reservations, this::release, Duration.ofMinutes(2), 100);

    @Test
    void releases_every_reservation_whose_order_is_missing_or_cancelled_after_the_grace_period() {
        orphans.addAll(List.of(11L, 12L));

        assertThat(sweep.runOnce()).isEqualTo(2);

        assertThat(released).containsExactly(11L, 12L);
        assertThat(askedGrace).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_second_pass_changes_nothing() {
        orphans.add(11L);
        sweep.runOnce();

        assertThat(sweep.runOnce()).isZero();
        assertThat(released).containsExactly(11L);
    }

    @Test
    void does_nothing_while_replication_into_the_center_is_stopped_or_behind() {
        orphans.add(11L); // its order may be in a unit whose rows have not reached the center yet
        replicationProblem = "replication connection 'from_unit_b' is not running";

        assertThat(sweep.runOnce()).isZero();
        assertThat(released).isEmpty();

        replicationProblem = null;
        assertThat(sweep.runOnce()).isEqualTo(1);
    }

    @Test
    void a_failing_release_is_retried_by_the_next_pass() {
        orphans.add(11L);
        ReservationSweep failing = new ReservationSweep(reservations, id -> {
            throw new IllegalStateException("RpcException code 2");
        }, Duration.ofMinutes(2), 100);

        assertThat(failing.runOnce()).isZero();
        assertThat(sweep.runOnce()).isEqualTo(1);
    }

    @Test
    void refuses_a_grace_period_that_is_not_positive() {
        assertThatThrownBy(() -> new ReservationSweep(reservations, this::release, Duration.ZERO, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNITIZE-SHOP-032");
    }
}
