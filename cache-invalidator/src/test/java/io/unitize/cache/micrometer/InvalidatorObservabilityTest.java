package io.unitize.cache.micrometer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.unitize.cache.InvalidationPlan;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.canal.BinlogInvalidator;
import io.unitize.cache.canal.CanalBinlogSource;
import io.unitize.cache.health.CanalHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The invalidation lag is a timer with a histogram (every batch), not a gauge of the last one. */
class InvalidatorObservabilityTest {

    @Test
    void everyBatchsLagIsRecordedInTheTimersHistogram() throws Exception {
        AtomicLong now = new AtomicLong(10_000);
        PlanExecutor executor = new PlanExecutor((unit, keys) -> { }, Duration.ofMillis(1), Duration.ofMillis(1), d -> { }, now::get);
        BinlogInvalidator binlog = new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress("127.0.0.1", 1), "unit-b", ".*"),
                new InvalidationPlanner("unit-b", 2, List.of("unit-b"), List.of()), executor, null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new InvalidatorMetrics("unit-b", executor, binlog).bindTo(registry);

        executor.execute(new InvalidationPlan(Map.of("unit-b", Set.of("k")), Map.of(), 1, 9_990));   // 10 ms
        executor.execute(new InvalidationPlan(Map.of("unit-b", Set.of("k")), Map.of(), 1, 7_000));   // 3 s
        Timer lag = registry.get("unitize.cache.invalidation.lag").tag("unit", "unit-b").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(3000);
        CountAtBucket[] buckets = lag.takeSnapshot().histogramCounts();
        assertThat(buckets).as("a histogram is published").isNotEmpty();
        String scrape = registry.scrape();
        assertThat(scrape).contains("unitize_cache_invalidation_lag_seconds_bucket{").contains("unitize_cache_invalidation_lag_seconds_count{unit=\"unit-b\"} 2");
        assertThat(scrape).doesNotContain("quantile=");
        assertThat(scrape).contains("unitize_cache_batches_waiting{unit=\"unit-b\"} 0.0").contains("unitize_cache_units_behind{unit=\"unit-b\"} 0.0");
    }

    @Test
    void canalHealthIsDownWhileNotConnected() {
        PlanExecutor executor = new PlanExecutor((unit, keys) -> { }, Duration.ofMillis(1), Duration.ofMillis(1), d -> { }, () -> 0);
        BinlogInvalidator binlog = new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress("127.0.0.1", 1), "unit-b", ".*"),
                new InvalidationPlanner("unit-b", 2, List.of("unit-b"), List.of()), executor, null);
        CanalHealthIndicator health = new CanalHealthIndicator("unit-b", binlog, Duration.ofSeconds(60), System::currentTimeMillis);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.health().getDetails().get("reason")).contains("not connected to unit unit-b's Canal");
    }
}
