package io.unitize.jobs.timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.jobs.Rules;
import io.unitize.jobs.micrometer.JobsMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timeout center's meters, read from a SimpleMeterRegistry after the center and the firer worked on the in-memory store. */
class TimeoutMetricsTest {

    private final FakeTimeoutStore store = new FakeTimeoutStore();
    private final AtomicReference<RulesSnapshot> rules = new AtomicReference<>(Rules.split(1));
    private final AtomicBoolean failing = new AtomicBoolean();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobsMetrics metrics = new JobsMetrics(registry, "unit-b");
    private final TimeoutCallbacks callbacks = TimeoutCallbacks.of("cb", f -> {
        if (failing.get()) {
            throw new IllegalStateException("order service down");
        }
    });
    private final TimeoutCenter center = new TimeoutCenter("unit-b", rules::get, store, callbacks, metrics);
    /** The store's clock, so that lateness is exact. */
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return store.now();
        }
    };

    private TimeoutFirer firer() {
        return new TimeoutFirer("unit-b", "b1", rules::get, store, callbacks,
                new TimeoutFirer.Settings(Duration.ofMillis(50), 100, 1, Duration.ofSeconds(30), Duration.ofSeconds(60)), metrics, clock);
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags("unit", "unit-b").tags(tags).counter().count();
    }

    @Test
    void registrationsAndEachKindOfRefusalAreCounted() {
        Instant due = store.now().plusSeconds(60);
        center.register(new TimeoutTask(7042, "a", "cb", due, "p"));
        center.register(new TimeoutTask(7042, "a", "cb", due, "p")); // the same again: idempotent, counted again
        assertThatThrownBy(() -> center.register(new TimeoutTask(7042, "a", "cb", due, "other"))).isInstanceOf(TimeoutTaskConflictException.class);
        assertThatThrownBy(() -> center.register(new TimeoutTask(4042, "b", "cb", due, ""))).isInstanceOf(UnitMisrouteException.class);
        assertThatThrownBy(() -> center.register(new TimeoutTask(7042, "c", "nope", due, ""))).isInstanceOf(UnknownTimeoutCallbackException.class);
        rules.set(Rules.frozen(2));
        assertThatThrownBy(() -> center.register(new TimeoutTask(7043, "d", "cb", due, ""))).isInstanceOf(UnitWriteFrozenException.class);

        assertThat(counter(JobsMetrics.TIMEOUTS_REGISTERED)).isEqualTo(2);
        assertThat(counter(JobsMetrics.TIMEOUTS_REFUSED, "reason", "conflict")).isEqualTo(1);
        assertThat(counter(JobsMetrics.TIMEOUTS_REFUSED, "reason", "misrouted")).isEqualTo(1);
        assertThat(counter(JobsMetrics.TIMEOUTS_REFUSED, "reason", "unknown_callback")).isEqualTo(1);
        assertThat(counter(JobsMetrics.TIMEOUTS_REFUSED, "reason", "frozen")).isEqualTo(1);
    }

    @Test
    void firesAreCountedWithTheirLatenessAndFailuresApart() {
        Instant due = store.now();
        center.register(new TimeoutTask(7042, "a", "cb", due, ""));
        center.register(new TimeoutTask(8042, "b", "cb", due.plusSeconds(1), ""));
        store.advance(Duration.ofMillis(1500)); // a is 1.5 s late, b 0.5 s
        try (TimeoutFirer firer = firer()) {
            assertThat(firer.fireDue()).isEqualTo(2);
            center.register(new TimeoutTask(8043, "c", "cb", store.now(), ""));
            failing.set(true);
            assertThat(firer.fireDue()).isEqualTo(1);
        }
        assertThat(counter(JobsMetrics.TIMEOUTS_FIRED)).isEqualTo(2);
        assertThat(counter(JobsMetrics.TIMEOUTS_FAILED)).isEqualTo(1);
        var lateness = registry.get(JobsMetrics.TIMEOUTS_LATENESS).tags("unit", "unit-b").timer();
        assertThat(lateness.count()).as("failed callbacks are not fires").isEqualTo(2);
        assertThat(lateness.max(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
    }

    @Test
    void dueTasksOfFrozenBuyersShowAsWaitingUntilTheFreezeLifts() {
        center.register(new TimeoutTask(7042, "frozen-1", "cb", store.now(), ""));
        center.register(new TimeoutTask(7043, "frozen-2", "cb", store.now(), ""));
        center.register(new TimeoutTask(7044, "later", "cb", store.now().plusSeconds(60), "")); // frozen too, but not due
        center.register(new TimeoutTask(8042, "free", "cb", store.now(), ""));
        rules.set(Rules.frozen(2));
        try (TimeoutFirer firer = firer()) {
            assertThat(firer.fireDue()).isEqualTo(1);
            assertThat(registry.get(JobsMetrics.TIMEOUTS_WAITING_ON_FREEZE).tags("unit", "unit-b").gauge().value()).isEqualTo(2);
            rules.set(Rules.split(3));
            assertThat(firer.fireDue()).isEqualTo(2);
            assertThat(registry.get(JobsMetrics.TIMEOUTS_WAITING_ON_FREEZE).tags("unit", "unit-b").gauge().value()).isZero();
        }
        assertThat(counter(JobsMetrics.TIMEOUTS_FIRED)).isEqualTo(3);
    }
}
