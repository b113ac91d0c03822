package io.unitize.mq.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.mq.ConsumeDecision;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitConsumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the consumer groups and replicators:
 * {@code unitize.mq.consume.decisions} (tags group, decision), {@code unitize.mq.consume.failures},
 * {@code unitize.mq.consume.duplicates.dropped} (tag group); {@code unitize.mq.replication.lag} (timer
 * with a histogram, tags from, to: produce in the source unit -> accepted by the target broker), {@code unitize.mq.replication.copied},
 * {@code unitize.mq.replication.failures}.
 */
public final class MqMetrics implements MeterBinder {

    private final List<UnitConsumer> consumers;
    private final List<MessageReplicator> replicators;

    public MqMetrics(List<UnitConsumer> consumers, List<MessageReplicator> replicators) {
        this.consumers = List.copyOf(consumers);
        this.replicators = List.copyOf(replicators);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (UnitConsumer c : consumers) {
            for (ConsumeDecision d : ConsumeDecision.values()) {
                FunctionCounter.builder("unitize.mq.consume.decisions", c, x -> x.decisions().get(d)).tag("group", c.group())
                        .tag("decision", d.name()).description("messages per decision of the subscription filter").register(registry);
            }
            FunctionCounter.builder("unitize.mq.consume.failures", c, UnitConsumer::failures).tag("group", c.group())
                    .description("listener failures (message delivered again later)").register(registry);
            FunctionCounter.builder("unitize.mq.consume.duplicates.dropped", c, UnitConsumer::duplicatesDropped).tag("group", c.group())
                    .description("second copies of replicated messages dropped by original id").register(registry);
        }
        for (MessageReplicator r : replicators) {
            Timer lag = Timer.builder("unitize.mq.replication.lag").tags("from", r.sourceUnit(), "to", r.targetUnit())
                    .description("produce in the source unit -> accepted by the target broker").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
            r.lag().onRecord(ms -> lag.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
            FunctionCounter.builder("unitize.mq.replication.copied", r, MessageReplicator::copied).tags("from", r.sourceUnit(), "to", r.targetUnit())
                    .register(registry);
            FunctionCounter.builder("unitize.mq.replication.failures", r, MessageReplicator::failures).tags("from", r.sourceUnit(), "to", r.targetUnit())
                    .register(registry);
        }
    }
}
