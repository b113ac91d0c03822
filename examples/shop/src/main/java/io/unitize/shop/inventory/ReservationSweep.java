package io.unitize.shop.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * One pass of the reservation sweeper (framework-free): releases the reservations that are still
 * RESERVED {@code grace} after they were taken while no unit's order exists for them, or the order
 * is CANCELLED: the order service's compensating release (after a refused or timed-out write) or
 * a cancel's release timed out too. Idempotent (a release is, by order id), so passes may overlap
 * or repeat. The center sees every unit's orders only through replication: a pass does nothing
 * while replication into the center is stopped or further behind than the grace period (a missing
 * order may just not have arrived yet).
 */
public final class ReservationSweep {

    private static final Logger log = LoggerFactory.getLogger(ReservationSweep.class);

    /** The center's view of reservations and orders. */
    public interface Reservations {
        /** Up to {@code limit} RESERVED order ids taken more than {@code grace} ago whose order is missing or CANCELLED. */
        List<Long> orphaned(Duration grace, int limit) throws Exception;

        /** Why the center's copy of the units' orders cannot be trusted now (replication stopped or behind), or null. */
        String replicationProblem(Duration grace) throws Exception;
    }

    /** {@code InventoryService.release} in production. */
    @FunctionalInterface
    public interface Release {
        boolean release(long orderId);
    }

    private final Reservations reservations;
    private final Release release;
    private final Duration grace;
    private final int batch;

    public ReservationSweep(Reservations reservations, Release release, Duration grace, int batch) {
        if (grace.isNegative() || grace.isZero() || batch < 1) {
            throw new IllegalArgumentException("UNITIZE-SHOP-032 the reservation sweeper needs a positive grace period and batch, got "
                    + grace + " and " + batch);
        }
        this.reservations = reservations;
        this.release = release;
        this.grace = grace;
        this.batch = batch;
    }

    /** Runs one pass; returns how many reservations it released. Never throws (the next pass tries again). */
    public int runOnce() {
        try {
            String problem = reservations.replicationProblem(grace);
            if (problem != null) {
                log.info("UNITIZE-SHOP-031 reservation sweep skipped: {}; next step: none if replication recovers, else fix it"
                        + " (SHOW ALL SLAVES STATUS in the center)", problem);
                return 0;
            }
            int released = 0;
            for (long orderId : reservations.orphaned(grace, batch)) {
                if (release.release(orderId)) {
                    released++;
                    log.warn("UNITIZE-SHOP-030 released the stock of order {}: reserved more than {} ago and its order is missing or"
                            + " cancelled (a compensating release was lost); next step: none, this is the sweeper's repair", orderId, grace);
                }
            }
            return released;
        } catch (Exception e) {
            log.warn("UNITIZE-SHOP-033 reservation sweep failed ({}); next step: the next pass retries; check the center's database", e.toString());
            return 0;
        }
    }
}
