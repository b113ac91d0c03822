package io.unitize.jobs.timeout;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.jobs.JobsConfigException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Registers, shows and cancels timeout tasks in this unit. A task is stored only in its buyer's home
 * unit: registering (or cancelling) a task of a buyer homed elsewhere is refused with
 * {@link io.unitize.core.UnitMisrouteException}, of a frozen buyer with
 * {@link io.unitize.core.UnitWriteFrozenException} (retry after the freeze), before anything is written.
 * The {@link TimeoutFirer} of the home unit fires it.
 *
 * <pre>{@code
 * center.register(new TimeoutTask(buyerId, "order-" + orderId + "-unpaid", "cancel-unpaid-order",
 *         Instant.now().plusSeconds(900), String.valueOf(orderId)));
 * }</pre>
 */
public final class TimeoutCenter {

    public static final int MAX_LIST = 1000;

    private final String unit;
    private final Supplier<RulesSnapshot> rules;
    private final TimeoutStore store;
    private final TimeoutCallbacks callbacks;
    private final TimeoutEvents events;

    public TimeoutCenter(String unit, Supplier<RulesSnapshot> rules, TimeoutStore store, TimeoutCallbacks callbacks) {
        this(unit, rules, store, callbacks, TimeoutEvents.NONE);
    }

    /** As above, telling {@code events} about registrations and refusals (e.g. the meters). */
    public TimeoutCenter(String unit, Supplier<RulesSnapshot> rules, TimeoutStore store, TimeoutCallbacks callbacks, TimeoutEvents events) {
        if (unit == null || unit.isBlank()) {
            throw new JobsConfigException("TimeoutCenter needs the unit this process runs in (unitize.unit), but it was not set");
        }
        this.unit = unit;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.store = Objects.requireNonNull(store, "store");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Stores the task (PENDING). The same task registered again returns the stored one (idempotent);
     * another task under the same key is refused ({@link TimeoutTaskConflictException}).
     */
    public TimeoutTaskView register(TimeoutTask task) {
        if (callbacks.get(task.callback()).isEmpty()) {
            events.refused(task, TimeoutEvents.Refusal.UNKNOWN_CALLBACK);
            throw new UnknownTimeoutCallbackException(task.callback(), callbacks.names());
        }
        try {
            rules.get().checkWrite(task.buyerId(), unit);
        } catch (UnitWriteFrozenException e) {
            events.refused(task, TimeoutEvents.Refusal.FROZEN);
            throw e;
        } catch (UnitMisrouteException e) {
            events.refused(task, TimeoutEvents.Refusal.MISROUTED);
            throw e;
        }
        TimeoutTaskView stored = store.insertIfAbsent(task);
        if (!stored.task().sameAs(task)) {
            events.refused(task, TimeoutEvents.Refusal.CONFLICT);
            throw new TimeoutTaskConflictException(task, stored);
        }
        events.registered(task);
        return stored;
    }

    public Optional<TimeoutTaskView> find(long buyerId, String key) {
        return store.find(buyerId, key);
    }

    /** The buyer's tasks in this unit's database (every state), earliest due first, at most {@code limit} (<= 1000). */
    public List<TimeoutTaskView> list(long buyerId, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidTimeoutTaskException("limit", "in 1.." + MAX_LIST, limit);
        }
        return store.listByBuyer(buyerId, limit);
    }

    /** Cancels a PENDING task so that it never fires; a cancel is a write, so only in the buyer's home unit. */
    public CancelOutcome cancel(long buyerId, String key) {
        rules.get().checkWrite(buyerId, unit);
        if (store.cancel(buyerId, key)) {
            return CancelOutcome.CANCELLED;
        }
        return store.find(buyerId, key).map(v -> switch (v.state()) {
            case CANCELLED -> CancelOutcome.ALREADY_CANCELLED;
            case CLAIMED, FIRED -> CancelOutcome.TOO_LATE;
            case PENDING -> CancelOutcome.TOO_LATE; // claimed and put back between the two reads: try again
        }).orElse(CancelOutcome.NOT_FOUND);
    }
}
