package io.unitize.jobs.timeout;

import io.unitize.core.SlotRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory {@link TimeoutStore} with the JDBC store's conditional transitions, on a settable clock. */
final class FakeTimeoutStore implements TimeoutStore {

    private static final class Row {
        TimeoutTask task;
        TimeoutState state = TimeoutState.PENDING;
        int attempts;
        String holder;
        long heldUntil;
        Instant firedAt;
        String firedUnit;
        String lastError;

        TimeoutTaskView view() {
            return new TimeoutTaskView(task, state, attempts, firedAt, firedUnit, lastError);
        }
    }

    final AtomicLong now = new AtomicLong(Instant.parse("2026-12-02T08:00:00Z").toEpochMilli());
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private static String k(long buyer, String key) {
        return buyer + "/" + key;
    }

    @Override
    public synchronized TimeoutTaskView insertIfAbsent(TimeoutTask task) {
        return rows.computeIfAbsent(k(task.buyerId(), task.key()), x -> {
            Row r = new Row();
            r.task = task;
            return r;
        }).view();
    }

    @Override
    public synchronized Optional<TimeoutTaskView> find(long buyerId, String key) {
        return Optional.ofNullable(rows.get(k(buyerId, key))).map(Row::view);
    }

    @Override
    public synchronized List<TimeoutTaskView> listByBuyer(long buyerId, int limit) {
        return rows.values().stream().filter(r -> r.task.buyerId() == buyerId).sorted(Comparator.comparing(r -> r.task.dueAt()))
                .limit(limit).map(Row::view).toList();
    }

    @Override
    public synchronized boolean cancel(long buyerId, String key) {
        Row r = rows.get(k(buyerId, key));
        if (r == null || r.state != TimeoutState.PENDING) {
            return false;
        }
        r.state = TimeoutState.CANCELLED;
        return true;
    }

    private boolean isDue(Row r) {
        return (r.state == TimeoutState.PENDING || r.state == TimeoutState.CLAIMED) && r.task.dueAt().toEpochMilli() <= now.get()
                && r.heldUntil < now.get();
    }

    @Override
    public synchronized List<TimeoutTask> due(int slotCount, List<SlotRange> ranges, int limit) {
        List<TimeoutTask> out = new ArrayList<>();
        rows.values().stream().filter(this::isDue)
                .filter(r -> ranges.stream().anyMatch(s -> s.contains((int) Math.floorMod(r.task.buyerId(), (long) slotCount))))
                .sorted(Comparator.comparing(r -> r.task.dueAt())).limit(limit).forEach(r -> out.add(r.task));
        return out;
    }

    @Override
    public synchronized OptionalInt claim(long buyerId, String key, String holder, Duration claimFor) {
        Row r = rows.get(k(buyerId, key));
        if (r == null || !isDue(r)) {
            return OptionalInt.empty();
        }
        r.state = TimeoutState.CLAIMED;
        r.holder = holder;
        r.heldUntil = now.get() + claimFor.toMillis();
        r.attempts++;
        return OptionalInt.of(r.attempts);
    }

    @Override
    public synchronized boolean markFired(long buyerId, String key, String holder, int attempt, String unit) {
        Row r = rows.get(k(buyerId, key));
        if (r == null || r.state != TimeoutState.CLAIMED || !holder.equals(r.holder) || r.attempts != attempt) {
            return false;
        }
        r.state = TimeoutState.FIRED;
        r.firedAt = Instant.ofEpochMilli(now.get());
        r.firedUnit = unit;
        r.heldUntil = 0;
        return true;
    }

    @Override
    public synchronized boolean retryLater(long buyerId, String key, String holder, int attempt, Duration delay, String error) {
        Row r = rows.get(k(buyerId, key));
        if (r == null || r.state != TimeoutState.CLAIMED || !holder.equals(r.holder) || r.attempts != attempt) {
            return false;
        }
        r.state = TimeoutState.PENDING;
        r.heldUntil = now.get() + delay.toMillis();
        r.lastError = error;
        return true;
    }

    void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    Instant now() {
        return Instant.ofEpochMilli(now.get());
    }
}
