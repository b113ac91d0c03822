package io.unitize.jobs.timeout;

import io.unitize.core.RulesSnapshot;
import io.unitize.jobs.Rules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutFirerTest {

    private final FakeTimeoutStore store = new FakeTimeoutStore();
    private final AtomicReference<RulesSnapshot> rules = new AtomicReference<>(Rules.split(1));
    private final List<FiredTimeout> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final TimeoutCallbacks callbacks = TimeoutCallbacks.of("cb", f -> {
        if (failing.get()) {
            throw new IllegalStateException("order service down");
        }
        calls.add(f);
    });

    private TimeoutFirer firer(String unit, String holder) {
        return new TimeoutFirer(unit, holder, rules::get, store, callbacks,
                new TimeoutFirer.Settings(Duration.ofMillis(50), 100, 2, Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    private void task(long buyer, String key, Instant due) {
        store.insertIfAbsent(new TimeoutTask(buyer, key, "cb", due, "p-" + key));
    }

    @Test
    void firesDueTasksOfItsOwnBuyersOnceAcrossInstances() {
        task(7042, "a", store.now());
        task(7043, "b", store.now().plusSeconds(10));
        task(4042, "c", store.now()); // homed in the center
        try (TimeoutFirer b1 = firer("unit-b", "b1"); TimeoutFirer b2 = firer("unit-b", "b2"); TimeoutFirer c = firer("center", "c1")) {
            assertThat(b1.fireDue()).isEqualTo(1);
            assertThat(b2.fireDue()).as("already fired by b1").isZero();
            assertThat(calls).extracting(f -> f.task().key()).containsExactly("a");
            store.advance(Duration.ofSeconds(10));
            assertThat(b2.fireDue()).isEqualTo(1);
            assertThat(c.fireDue()).isEqualTo(1);
            assertThat(calls).extracting(f -> f.task().key() + "@" + f.unit()).containsExactly("a@unit-b", "b@unit-b", "c@center");
            assertThat(store.find(7042, "a").orElseThrow()).satisfies(v -> {
                assertThat(v.state()).isEqualTo(TimeoutState.FIRED);
                assertThat(v.firedUnit()).isEqualTo("unit-b");
                assertThat(v.attempts()).isEqualTo(1);
            });
        }
    }

    @Test
    void aFrozenBuyersTaskWaitsAndAfterTheCutoverFiresInTheNewHomeOnly() {
        task(7042, "a", store.now());
        rules.set(Rules.frozen(2));
        try (TimeoutFirer b = firer("unit-b", "b1"); TimeoutFirer c = firer("center", "c1")) {
            assertThat(b.fireDue()).isZero();
            assertThat(c.fireDue()).isZero();
            assertThat(store.find(7042, "a").orElseThrow().state()).isEqualTo(TimeoutState.PENDING);
            rules.set(Rules.moved(3));
            assertThat(b.fireDue()).as("no longer its home").isZero();
            assertThat(c.fireDue()).isEqualTo(1);
            assertThat(calls).singleElement().satisfies(f -> assertThat(f.unit()).isEqualTo("center"));
        }
    }

    @Test
    void aFailedCallbackIsRetriedAfterBackoffAndAnExpiredClaimIsTakenOver() {
        task(7042, "a", store.now());
        try (TimeoutFirer b1 = firer("unit-b", "b1"); TimeoutFirer b2 = firer("unit-b", "b2")) {
            failing.set(true);
            assertThat(b1.fireDue()).isEqualTo(1);
            assertThat(store.find(7042, "a").orElseThrow()).satisfies(v -> {
                assertThat(v.state()).isEqualTo(TimeoutState.PENDING);
                assertThat(v.lastError()).contains("order service down");
            });
            assertThat(b2.fireDue()).as("backing off for 1 s").isZero();
            failing.set(false);
            store.advance(Duration.ofMillis(1001));
            assertThat(b2.fireDue()).isEqualTo(1);
            assertThat(calls).singleElement().satisfies(f -> assertThat(f.attempt()).isEqualTo(2));
            assertThat(b1.failedCount()).isEqualTo(1);
            assertThat(b2.firedCount()).isEqualTo(1);

            // an instance that claimed and died: after claim-for another instance fires it
            task(7043, "b", store.now());
            assertThat(store.claim(7043, "b", "dead", Duration.ofSeconds(30))).isPresent();
            assertThat(b1.fireDue()).isZero();
            store.advance(Duration.ofSeconds(31));
            assertThat(b1.fireDue()).isEqualTo(1);
            assertThat(store.markFired(7043, "b", "dead", 1, "unit-b")).as("the dead claim cannot mark it").isFalse();
        }
    }

    @Test
    void theLoopFiresWithoutBeingAsked() throws Exception {
        task(7042, "a", store.now());
        try (TimeoutFirer b = firer("unit-b", "b1").start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (b.firedCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(b.firedCount()).isEqualTo(1);
        }
    }
}
