package io.unitize.mq.rocketmq;

import io.unitize.core.UnitizeException;
import io.unitize.mq.LagRecorder;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies the messages of the given topics from one unit's broker to another's, at least once:
 * key, tags, body and every user property are kept, the original message id travels as
 * {@link UnitMessageProperties#ORIGIN_MSG_ID} (consumers drop a second copy by it), and the copy is
 * marked {@link UnitMessageProperties#REPLICATED_FROM}, so it is never replicated again — no loop and
 * no ping-pong with the replicator of the opposite direction. A batch is acknowledged on the source
 * only after the target broker accepted every copy. Run one per direction (each unit replicates its
 * own messages to every other unit).
 *
 * <pre>{@code
 * MessageReplicator.builder().from("center", "10.0.0.3:9876").to("unit-b", "10.1.0.3:9876")
 *         .topic("ORDER_EVENTS").build().start();
 * }</pre>
 */
public final class MessageReplicator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageReplicator.class);

    private final Builder b;
    private final LagRecorder lag = new LagRecorder(100_000);
    private final LongAdder copied = new LongAdder();
    private final LongAdder copiesNotReplicated = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private DefaultMQPushConsumer consumer;
    private DefaultMQProducer producer;

    private MessageReplicator(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized MessageReplicator start() {
        try {
            producer = new DefaultMQProducer("UNITIZE_REPLICATOR_FROM_" + b.sourceUnit);
            producer.setNamesrvAddr(b.targetNamesrv);
            producer.setInstanceName(Messages.instanceName("replicator-out", b.targetUnit));
            producer.setSendMsgTimeout(3000);
            producer.start();
            consumer = new DefaultMQPushConsumer("UNITIZE_REPLICATOR_TO_" + b.targetUnit);
            consumer.setNamesrvAddr(b.sourceNamesrv);
            consumer.setInstanceName(Messages.instanceName("replicator-in", b.sourceUnit));
            consumer.setConsumeFromWhere(b.consumeFromWhere);
            consumer.setConsumeMessageBatchMaxSize(32);
            consumer.setPullBatchSize(64);
            consumer.setConsumeThreadMin(b.threads);
            consumer.setConsumeThreadMax(b.threads);
            for (String topic : b.topics) {
                consumer.subscribe(topic, "*");
            }
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> copy(msgs)
                    ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS : ConsumeConcurrentlyStatus.RECONSUME_LATER);
            consumer.start();
        } catch (MQClientException e) {
            close();
            throw new UnitizeException("UNITIZE-MQ-040 replicator " + b.sourceUnit + " -> " + b.targetUnit + " cannot start: " + e.getErrorMessage(), e);
        }
        log.info("UNITIZE-MQ-041 replicator {} -> {} started for topics {}", b.sourceUnit, b.targetUnit, b.topics);
        return this;
    }

    /** Copies a consumed batch: one batch send per topic (one round trip for up to 32 messages), acknowledged only if all were accepted. */
    private boolean copy(List<MessageExt> msgs) {
        java.util.Map<String, List<Message>> byTopic = new java.util.LinkedHashMap<>();
        List<Long> born = new ArrayList<>(msgs.size());
        for (MessageExt m : msgs) {
            if (m.getUserProperty(UnitMessageProperties.REPLICATED_FROM) != null) {
                copiesNotReplicated.increment(); // came from another unit: its origin replicates it
                continue;
            }
            Message c = new Message(m.getTopic(), m.getTags(), m.getKeys(), m.getBody());
            m.getProperties().forEach((k, v) -> {
                if (!MessageConst.STRING_HASH_SET.contains(k)) {
                    c.putUserProperty(k, v);
                }
            });
            if (m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT) == null) {
                c.putUserProperty(UnitMessageProperties.ORIGIN_UNIT, b.sourceUnit);
            }
            c.putUserProperty(UnitMessageProperties.ORIGIN_MSG_ID, m.getMsgId());
            c.putUserProperty(UnitMessageProperties.REPLICATED_FROM, b.sourceUnit);
            byTopic.computeIfAbsent(m.getTopic(), t -> new ArrayList<>()).add(c);
            born.add(m.getBornTimestamp());
        }
        for (List<Message> batch : byTopic.values()) {
            try {
                SendResult r = batch.size() == 1 ? producer.send(batch.get(0)) : producer.send(batch);
                if (r.getSendStatus() != SendStatus.SEND_OK) {
                    throw new IllegalStateException("broker answered " + r.getSendStatus());
                }
            } catch (Exception e) {
                failures.increment();
                log.warn("UNITIZE-MQ-042 replicator {} -> {}: copy of {} messages of {} failed: {}; the batch is delivered again", b.sourceUnit,
                        b.targetUnit, batch.size(), batch.get(0).getTopic(), e.toString());
                return false;
            }
        }
        long now = System.currentTimeMillis();
        for (long t : born) {
            lag.record(now - t);
        }
        copied.add(born.size());
        return true;
    }

    /** Produce in the source unit -> accepted by the target broker, ms (recent window). */
    public LagRecorder lag() {
        return lag;
    }

    public long copied() {
        return copied.sum();
    }

    /** Replicated copies seen on the source and not sent back. */
    public long copiesNotReplicated() {
        return copiesNotReplicated.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public String sourceUnit() {
        return b.sourceUnit;
    }

    public String targetUnit() {
        return b.targetUnit;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.shutdown();
            consumer = null;
        }
        if (producer != null) {
            producer.shutdown();
            producer = null;
        }
    }

    public static final class Builder {
        private String sourceUnit;
        private String sourceNamesrv;
        private String targetUnit;
        private String targetNamesrv;
        private final List<String> topics = new ArrayList<>();
        private int threads = 4;
        private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;

        public Builder from(String unit, String namesrv) {
            this.sourceUnit = unit;
            this.sourceNamesrv = namesrv;
            return this;
        }

        public Builder to(String unit, String namesrv) {
            this.targetUnit = unit;
            this.targetNamesrv = namesrv;
            return this;
        }

        /** A topic with CENTER, UNIT or ALL_UNIT subscriptions (NORMAL topics need no replication). */
        public Builder topic(String topic) {
            topics.add(topic);
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder consumeFromWhere(ConsumeFromWhere where) {
            this.consumeFromWhere = where;
            return this;
        }

        public MessageReplicator build() {
            if (sourceUnit == null || sourceNamesrv == null || targetUnit == null || targetNamesrv == null) {
                throw new MqConfigException("a replicator needs from(unit, namesrv) and to(unit, namesrv)");
            }
            if (sourceUnit.equals(targetUnit)) {
                throw new MqConfigException("replicator from " + sourceUnit + " to itself");
            }
            if (topics.isEmpty()) {
                throw new MqConfigException("replicator " + sourceUnit + " -> " + targetUnit + ": no topics");
            }
            return new MessageReplicator(this);
        }
    }
}
