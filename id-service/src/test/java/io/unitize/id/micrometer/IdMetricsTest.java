package io.unitize.id.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.id.IdServiceUnavailableException;
import io.unitize.id.LocalIdService;
import io.unitize.id.Segment;
import io.unitize.id.SegmentIdGenerator;
import io.unitize.id.SegmentStore;
import io.unitize.id.WorkerLease;
import io.unitize.id.health.WorkerLeaseHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IDs issued, segment fetches (ok / failed) and the worker lease, as meters and health. */
class IdMetricsTest {

    @Test
    void allocationsAndSegmentFetchesAreCountedPerTag() {
        AtomicLong row = new AtomicLong();
        AtomicBoolean down = new AtomicBoolean();
        SegmentStore store = (tag, unit, size) -> {
            if (down.get()) {
                throw new IdServiceUnavailableException("UNITIZE-ID-010 database down", null);
            }
            long max = row.addAndGet(size);
            return new Segment(tag, max - size + 1, max);
        };
        LocalIdService service = new LocalIdService("unit-b").tag("order",
                new SegmentIdGenerator(store, "order", "unit-b", 1, 4, 100, 100, Duration.ofMinutes(15), Runnable::run));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new IdMetrics(service).bindTo(registry);

        service.nextIds("order", 150);
        assertThat(registry.get("unitize.id.allocations").tag("unit", "unit-b").tag("tag", "order").functionCounter().count()).isEqualTo(150);
        double ok = registry.get("unitize.id.segment.fetches").tag("outcome", "ok").functionCounter().count();
        assertThat(ok).as("the first segment, the one after it, and the prefetch of the third").isEqualTo(3);

        down.set(true);
        service.nextIds("order", 50); // the current segment still serves
        assertThatThrownBy(() -> service.nextIds("order", 200)).isInstanceOf(IdServiceUnavailableException.class);
        assertThat(registry.get("unitize.id.segment.fetches").tag("outcome", "failed").functionCounter().count()).isPositive();
        assertThat(registry.get("unitize.id.segment.fetches").tag("outcome", "ok").functionCounter().count()).isEqualTo(ok);
    }

    @Test
    void aLostLeaseIsDownAndItsRenewalsAreCounted() {
        AtomicBoolean held = new AtomicBoolean(true);
        WorkerLease lease = new WorkerLease() {
            public int worker() {
                return 7;
            }

            public boolean isHeld() {
                return held.get();
            }

            public long renewalCount() {
                return 12;
            }

            public long renewalFailureCount() {
                return 1;
            }

            public void close() {
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WorkerLeaseMetrics("unit-b", lease).bindTo(registry);
        assertThat(registry.get("unitize.id.lease.renewals").tag("worker", "7").tag("outcome", "ok").functionCounter().count()).isEqualTo(12);
        assertThat(registry.get("unitize.id.lease.renewals").tag("outcome", "failed").functionCounter().count()).isEqualTo(1);
        WorkerLeaseHealthIndicator health = new WorkerLeaseHealthIndicator(lease);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.get("unitize.id.lease.held").gauge().value()).isEqualTo(1);
        held.set(false);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.health().getDetails().get("reason")).contains("UNITIZE-ID-024");
        assertThat(registry.get("unitize.id.lease.held").gauge().value()).isZero();
    }
}
