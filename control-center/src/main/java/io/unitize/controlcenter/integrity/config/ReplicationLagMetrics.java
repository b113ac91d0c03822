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
 * {@code unitize.replication.lag{source,target}}: a time gauge of the last measured lag per
 * direction (NaN until measured), and the timer {@code unitize.replication.lag.sample} of every
 * measurement (its percentiles over time).
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
            TimeGauge.builder("unitize.replication.lag", v, TimeUnit.MILLISECONDS, x -> x.get() < 0 ? Double.NaN : x.get())
                    .description("Replication lag per direction, measured by the heartbeat (NaN until measured)")
                    .tag("source", lag.source()).tag("target", lag.target()).register(registry);
            return v;
        });
        if (lag.lagMillis() != null) {
            value.set(lag.lagMillis());
            Timer.builder("unitize.replication.lag.sample").tag("source", lag.source()).tag("target", lag.target())
                    .publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofMillis(lag.lagMillis()));
        }
    }
}
