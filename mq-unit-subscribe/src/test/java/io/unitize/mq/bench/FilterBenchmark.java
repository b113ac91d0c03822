package io.unitize.mq.bench;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.mq.ConsumeDecision;
import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionFilter;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.common.message.MessageExt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The consumer-side cost per message of the UNIT-mode decision: read the Unitize properties of a
 * RocketMQ message, parse the buyerId, one array read in the rules snapshot. Baseline in the same
 * run: reading the same properties and picking the message, without the decision.
 * Run with {@code mq-unit-subscribe/bench/run.sh}.
 */
@State(Scope.Thread)
public class FilterBenchmark {

    @State(Scope.Benchmark)
    public static class Messages {
        final MessageExt[] messages = new MessageExt[4096];
        SubscriptionFilter filter;

        @Setup
        public void setup() {
            RulesSnapshot rules = UnitRules.builder().version(1).updatedAt(Instant.parse("2026-11-22T01:00:00Z")).author("bench").reason("bench")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of())).unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile();
            filter = new SubscriptionFilter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.CENTER, () -> rules);
            for (int i = 0; i < messages.length; i++) {
                MessageExt m = new MessageExt();
                m.setTopic("ORDER_EVENTS");
                m.putUserProperty(UnitMessageProperties.BUYER_ID, Long.toString(ThreadLocalRandom.current().nextLong(1, 100_000_000L)));
                m.putUserProperty(UnitMessageProperties.ORIGIN_UNIT, i % 2 == 0 ? "center" : "unit-b");
                if (i % 2 == 0) {
                    m.putUserProperty(UnitMessageProperties.REPLICATED_FROM, "center");
                }
                messages[i] = m;
            }
        }
    }

    private int next;

    @Benchmark
    public ConsumeDecision decide(Messages s) {
        MessageExt m = s.messages[next++ & 4095];
        return s.filter.decide(m.getUserProperty(UnitMessageProperties.BUYER_ID), m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT),
                m.getUserProperty(UnitMessageProperties.REPLICATED_FROM) != null);
    }

    /** Baseline: the same property reads, no decision. */
    @Benchmark
    public Object readPropertiesOnly(Messages s) {
        MessageExt m = s.messages[next++ & 4095];
        String buyer = m.getUserProperty(UnitMessageProperties.BUYER_ID);
        String origin = m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT);
        return m.getUserProperty(UnitMessageProperties.REPLICATED_FROM) != null ? buyer : origin;
    }
}
