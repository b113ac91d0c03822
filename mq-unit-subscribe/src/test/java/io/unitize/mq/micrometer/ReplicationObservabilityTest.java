package io.unitize.mq.micrometer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.unitize.mq.health.ReplicationHealthIndicator;
import io.unitize.mq.rocketmq.MessageReplicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Replication lag: a timer with a histogram (no p50/p99 gauges) and the replicator's health. */
class ReplicationObservabilityTest {

    private static MessageReplicator replicator() {
        return MessageReplicator.builder().from("unit-b", "127.0.0.1:1").to("center", "127.0.0.1:2").topic("ORDERS").build();
    }

    @Test
    void everyLagIsATimerSampleWithAHistogram() {
        MessageReplicator r = replicator();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MqMetrics(List.of(), List.of(r)).bindTo(registry);
        r.lag().record(40);
        r.lag().record(1_500);
        Timer lag = registry.get("unitize.mq.replication.lag").tag("from", "unit-b").tag("to", "center").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
        String scrape = registry.scrape();
        assertThat(scrape).contains("unitize_mq_replication_lag_seconds_bucket{from=\"unit-b\"").doesNotContain("stat=\"p99\"");
    }

    @SuppressWarnings("unchecked")
    @Test
    void healthIsDownWhenTheLastLagIsOverTheLimit() {
        MessageReplicator r = replicator();
        ReplicationHealthIndicator health = new ReplicationHealthIndicator(List.of(r), Duration.ofSeconds(60));
        r.lag().record(200);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat((Map<String, Object>) health.health().getDetails().get("unit-b->center")).containsEntry("lastLagMillis", 200L);
        r.lag().record(61_000);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) ((Map<String, Object>) health.health().getDetails().get("unit-b->center")).get("reason"))
                .contains("61000 ms after it was produced");
    }
}
