package io.unitize.jobs.timeout;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.jobs.Rules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeoutCenterTest {

    private final FakeTimeoutStore store = new FakeTimeoutStore();
    private final AtomicReference<RulesSnapshot> rules = new AtomicReference<>(Rules.split(1));
    private final TimeoutCenter b = new TimeoutCenter("unit-b", rules::get, store, TimeoutCallbacks.of("cancel-order", f -> { }));
    private final Instant due = Instant.parse("2026-12-02T08:15:00Z");

    @Test
    void registersInTheHomeUnitIdempotentlyByKey() {
        TimeoutTask task = new TimeoutTask(7042, "order-1-unpaid", "cancel-order", due, "1");
        TimeoutTaskView stored = b.register(task);
        assertThat(stored.state()).isEqualTo(TimeoutState.PENDING);
        assertThat(b.register(task)).as("the same task again: the stored one").isEqualTo(stored);
        assertThat(b.find(7042, "order-1-unpaid")).contains(stored);
        assertThat(b.list(7042, 10)).containsExactly(stored);
    }

    @Test
    void anotherTaskUnderATakenKeyIsRefusedAndTheStoredOneStays() {
        b.register(new TimeoutTask(7042, "order-1-unpaid", "cancel-order", due, "1"));
        assertThatThrownBy(() -> b.register(new TimeoutTask(7042, "order-1-unpaid", "cancel-order", due.plusSeconds(1), "1")))
                .isInstanceOf(TimeoutTaskConflictException.class)
                .hasMessageContaining("UNITIZE-JOB-033").hasMessageContaining("buyer 7042 already has task 'order-1-unpaid'");
        assertThat(b.find(7042, "order-1-unpaid").orElseThrow().task().dueAt()).isEqualTo(due);
    }

    @Test
    void aBuyerHomedElsewhereOrFrozenIsRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> b.register(new TimeoutTask(4042, "k", "cancel-order", due, "")))
                .isInstanceOf(UnitMisrouteException.class);
        rules.set(Rules.frozen(2));
        assertThatThrownBy(() -> b.register(new TimeoutTask(7042, "k", "cancel-order", due, "")))
                .isInstanceOf(UnitWriteFrozenException.class);
        assertThat(store.find(4042, "k")).isEmpty();
        assertThat(store.find(7042, "k")).isEmpty();
    }

    @Test
    void badTasksAndUnknownCallbacksAreRefusedNamingWhat() {
        assertThatThrownBy(() -> new TimeoutTask(7042, "a key", "cancel-order", due, ""))
                .isInstanceOf(InvalidTimeoutTaskException.class)
                .hasMessage("UNITIZE-JOB-030 timeout task refused: key must be 1-128 characters of A-Z a-z 0-9 _ . : / @ -, but was 'a key'; "
                        + "nothing was stored");
        assertThatThrownBy(() -> new TimeoutTask(7042, "k", "cancel-order", null, "")).hasMessageContaining("dueAt must be an instant");
        assertThatThrownBy(() -> new TimeoutTask(7042, "k", "cancel-order", due, "x".repeat(16_001)))
                .hasMessageContaining("payload must be at most 16000 characters, but was '16001 characters'");
        assertThatThrownBy(() -> b.register(new TimeoutTask(7042, "k", "refund", due, "")))
                .isInstanceOf(UnknownTimeoutCallbackException.class)
                .hasMessageContaining("no callback named 'refund' is registered (known: [cancel-order])");
        assertThat(store.find(7042, "k")).isEmpty();
        assertThatThrownBy(() -> b.list(7042, 0)).hasMessageContaining("limit must be in 1..1000, but was '0'");
    }

    @Test
    void cancelOnlyWhilePending() {
        b.register(new TimeoutTask(7042, "a", "cancel-order", due, ""));
        assertThat(b.cancel(7042, "a")).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(b.cancel(7042, "a")).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
        assertThat(b.cancel(7042, "nope")).isEqualTo(CancelOutcome.NOT_FOUND);
        b.register(new TimeoutTask(7042, "b", "cancel-order", store.now(), ""));
        assertThat(store.claim(7042, "b", "h", java.time.Duration.ofSeconds(60))).isPresent();
        assertThat(b.cancel(7042, "b")).isEqualTo(CancelOutcome.TOO_LATE);
        assertThatThrownBy(() -> b.cancel(4042, "a")).as("a cancel is a write: home unit only").isInstanceOf(UnitMisrouteException.class);
    }
}
