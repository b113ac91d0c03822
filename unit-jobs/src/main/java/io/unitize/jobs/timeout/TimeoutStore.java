package io.unitize.jobs.timeout;

import io.unitize.core.SlotRange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a unit keeps its timeout tasks: {@code io.unitize.jobs.jdbc.JdbcTimeoutStore} (the unit's
 * database, replicated both ways). Every write names the buyer, so it is unit-closed. State changes
 * are conditional (compare-and-set on state, holder and attempt): two instances never both claim a task.
 */
public interface TimeoutStore {

    /** Stores the task as PENDING unless its (buyer, key) exists; returns what is stored now. */
    TimeoutTaskView insertIfAbsent(TimeoutTask task);

    Optional<TimeoutTaskView> find(long buyerId, String key);

    /** The buyer's tasks, due first; at most {@code limit}. */
    List<TimeoutTaskView> listByBuyer(long buyerId, int limit);

    /** PENDING -> CANCELLED; false if the task is not PENDING (claimed, fired, cancelled) or absent. */
    boolean cancel(long buyerId, String key);

    /**
     * Tasks due now (PENDING, or CLAIMED whose claim expired) of buyers whose slot
     * ({@code floorMod(buyerId, slotCount)}) is in {@code ranges}, earliest due first.
     */
    List<TimeoutTask> due(int slotCount, List<SlotRange> ranges, int limit);

    /** How many tasks {@link #due} would return without a limit (capped at 10000 here; stores may count them all). */
    default long countDue(int slotCount, List<SlotRange> ranges) {
        return due(slotCount, ranges, 10_000).size();
    }

    /** Claims a due task for {@code claimFor}; returns the attempt number, empty if another instance has it. */
    OptionalInt claim(long buyerId, String key, String holder, Duration claimFor);

    /** CLAIMED (by this holder and attempt) -> FIRED; false if the claim was lost. */
    boolean markFired(long buyerId, String key, String holder, int attempt, String unit);

    /** CLAIMED (by this holder and attempt) -> PENDING, due again after {@code delay}. */
    boolean retryLater(long buyerId, String key, String holder, int attempt, Duration delay, String error);
}
