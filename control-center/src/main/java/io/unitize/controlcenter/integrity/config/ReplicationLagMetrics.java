package io.unitize.controlcenter.integrity.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.unitize.controlcenter.integrity.lag.ReplicationLag;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code unitize.replication.lag{from,to}}: a timer (with histogram) of every heartbeat measurement
 * per direction, and {@code unitize.replication.lag.last{from,to}}: a time gauge of the last one
 * (NaN until measured).
 */
final class ReplicationLagMetrics implements Consumer<ReplicationLag> {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();

    ReplicationLagMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(ReplicationLag lag) {
        AtomicLong value = last.computeIfAbsent(lag.direction(), d -> {
            AtomicLong v = new AtomicLong(-1);
            TimeGauge.builder("unitize.replication.lag.last", v, TimeUnit.MILLISECONDS, x -> x.get() < 0 ? Double.NaN : x.get())
                    .description("Replication lag per direction, last heartbeat measurement (NaN until measured)")
                    .tag("from", lag.source()).tag("to", lag.target()).register(registry);
            return v;
        });
        if (lag.lagMillis() != null) {
            value.set(lag.lagMillis());
            Timer.builder("unitize.replication.lag").description("Replication lag per direction, every heartbeat measurement")
                    .tag("from", lag.source()).tag("to", lag.target())
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry).record(Duration.ofMillis(lag.lagMillis()));
        }
    }
}
