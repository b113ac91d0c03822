package io.unitize.mq.rocketmq;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitizeException;
import io.unitize.mq.ConsumeDecision;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SeenMessages;
import io.unitize.mq.SubscriptionFilter;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A consumer group with a subscription mode, on the plain RocketMQ push consumer (its own thread
 * pool; nothing else is started per message). Per message: the {@link SubscriptionFilter} decides;
 * a replicated copy already handled is dropped by its original id; the listener runs; a throwing
 * listener means "not done" (RECONSUME_LATER: RocketMQ delivers it again later). Skipped messages are
 * acknowledged and counted by reason. In UNIT mode it also answers the control center's replay
 * requests for its unit ({@link ReplayRunner}).
 *
 * <pre>{@code
 * UnitConsumer c = UnitConsumer.builder().namesrv("127.0.0.1:9876").unit("unit-b").group("order-projector")
 *         .mode(SubscriptionMode.UNIT).subscribe("ORDER_EVENTS", "*").rules(subscriber::snapshot)
 *         .listener(m -> project(m)).build().start();
 * }</pre>
 */
public final class UnitConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnitConsumer.class);
    /** On a dead-lettered message: why (no buyerId, or a malformed one). */
    public static final String DEAD_LETTER_REASON = "UNITIZE_DEAD_LETTER_REASON";

    private final Builder b;
    private final SubscriptionFilter filter;
    private final SeenMessages seen;
    private final Map<ConsumeDecision, LongAdder> decisions = new EnumMap<>(ConsumeDecision.class);
    private final LongAdder failures = new LongAdder();
    private final LongAdder duplicatesDropped = new LongAdder();
    private final AtomicLong lastRulesVersion = new AtomicLong();
    private DefaultMQPushConsumer consumer;
    private final Object dlqLock = new Object();
    private DefaultMQProducer deadLetters; // guarded by dlqLock
    private ReplayRunner replay;

    private UnitConsumer(Builder b) {
        this.b = b;
        this.filter = new SubscriptionFilter(b.mode, b.unit, b.noBuyer, b.rules);
        this.seen = new SeenMessages(b.seenCapacity);
        for (ConsumeDecision d : ConsumeDecision.values()) {
            decisions.put(d, new LongAdder());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized UnitConsumer start() {
        try {
            if (b.mode == SubscriptionMode.UNIT && b.noBuyer == NoBuyerPolicy.DEAD_LETTER) {
                deadLetters(); // started up front where it is part of the normal flow
            }
            consumer = new DefaultMQPushConsumer(b.group);
            consumer.setNamesrvAddr(b.namesrv);
            consumer.setInstanceName(Messages.instanceName("consumer", b.unit));
            consumer.setConsumeFromWhere(b.consumeFromWhere);
            consumer.setConsumeMessageBatchMaxSize(1);
            consumer.setConsumeThreadMin(b.threads);
            consumer.setConsumeThreadMax(b.threads);
            for (Map.Entry<String, String> t : b.topics.entrySet()) {
                consumer.subscribe(t.getKey(), t.getValue());
            }
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    if (!handle(m)) {
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            if (b.mode == SubscriptionMode.UNIT && b.replayTopic != null) {
                replay = new ReplayRunner(b.namesrv, b.unit, b.group, b.replayTopic, b.topics.keySet(), filter, b.rules, b.listener).start();
            }
        } catch (MQClientException e) {
            close();
            throw new UnitizeException("UNITIZE-MQ-012 consumer group " + b.group + " of unit " + b.unit + " cannot start: " + e.getErrorMessage(), e);
        }
        log.info("UNITIZE-MQ-020 consumer group {} started in unit {}: mode {}, topics {}", b.group, b.unit, b.mode, b.topics);
        return this;
    }

    /** @return true when the message is done (consumed, skipped or dead-lettered), false to have it delivered again */
    private boolean handle(MessageExt m) {
        boolean replicated = m.getUserProperty(UnitMessageProperties.REPLICATED_FROM) != null;
        ConsumeDecision d;
        try {
            d = filter.decide(m.getUserProperty(UnitMessageProperties.BUYER_ID), m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT), replicated);
        } catch (UnitizeException malformed) {
            if (replicated) {
                decisions.get(ConsumeDecision.SKIP_DEAD_LETTERED_ELSEWHERE).increment(); // the origin unit dead-letters it
                return true;
            }
            log.error("UNITIZE-MQ-021 group {}: message {} of {} refused: {}; sent to the dead-letter topic {}_UNITIZE_NO_BUYER", b.group,
                    m.getMsgId(), m.getTopic(), malformed.getMessage(), m.getTopic());
            return deadLetter(m, malformed.getMessage());
        }
        decisions.get(d).increment();
        switch (d) {
            case CONSUME:
                return consume(m, replicated);
            case DEAD_LETTER:
                return deadLetter(m, "no " + UnitMessageProperties.BUYER_ID);
            default:
                return true;
        }
    }

    private boolean consume(MessageExt m, boolean replicated) {
        String originalId = replicated ? m.getUserProperty(UnitMessageProperties.ORIGIN_MSG_ID) : null;
        if (originalId != null && !seen.firstTime(originalId)) {
            duplicatesDropped.increment();
            return true;
        }
        try {
            b.listener.onMessage(Messages.toUnitMessage(m, false));
            return true;
        } catch (Exception e) {
            if (originalId != null) {
                seen.forget(originalId);
            }
            failures.increment();
            log.warn("UNITIZE-MQ-022 group {}: listener failed on message {} (buyer {}): {}; delivered again later", b.group, m.getMsgId(),
                    m.getUserProperty(UnitMessageProperties.BUYER_ID), e.toString());
            return false;
        }
    }

    private boolean deadLetter(MessageExt m, String reason) {
        DefaultMQProducer dlq;
        try {
            dlq = deadLetters();
        } catch (MQClientException e) {
            log.warn("UNITIZE-MQ-023 group {}: no dead-letter producer ({}); message {} retried later", b.group, e.getErrorMessage(), m.getMsgId());
            return false; // never silently dropped
        }
        Message copy = new Message(m.getTopic() + "_UNITIZE_NO_BUYER", m.getTags(), m.getKeys(), m.getBody());
        m.getProperties().forEach((k, v) -> {
            if (!org.apache.rocketmq.common.message.MessageConst.STRING_HASH_SET.contains(k)) {
                copy.putUserProperty(k, v);
            }
        });
        copy.putUserProperty(DEAD_LETTER_REASON, reason);
        try {
            dlq.send(copy);
            return true;
        } catch (Exception e) {
            log.warn("UNITIZE-MQ-023 group {}: cannot dead-letter message {}: {}; retried later", b.group, m.getMsgId(), e.toString());
            return false;
        }
    }

    private DefaultMQProducer deadLetters() throws MQClientException {
        synchronized (dlqLock) {
            if (deadLetters == null) {
                DefaultMQProducer p = new DefaultMQProducer(b.group + "_UNITIZE_DLQ");
                p.setNamesrvAddr(b.namesrv);
                p.setInstanceName(Messages.instanceName("dlq", b.unit));
                p.start();
                deadLetters = p;
            }
            return deadLetters;
        }
    }

    /** How many messages got each decision. */
    public Map<ConsumeDecision, Long> decisions() {
        Map<ConsumeDecision, Long> out = new LinkedHashMap<>();
        decisions.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long failures() {
        return failures.sum();
    }

    public long duplicatesDropped() {
        return duplicatesDropped.sum();
    }

    /** Replays run by this consumer's replay listener (null unless UNIT mode). */
    public ReplayRunner replay() {
        return replay;
    }

    public String group() {
        return b.group;
    }

    public SubscriptionMode mode() {
        return b.mode;
    }

    @Override
    public synchronized void close() {
        if (replay != null) {
            replay.close();
        }
        if (consumer != null) {
            consumer.shutdown();
        }
        synchronized (dlqLock) {
            if (deadLetters != null) {
                deadLetters.shutdown();
                deadLetters = null;
            }
        }
    }

    public static final class Builder {
        private String namesrv;
        private String unit;
        private String group;
        private SubscriptionMode mode;
        private final Map<String, String> topics = new LinkedHashMap<>();
        private NoBuyerPolicy noBuyer = NoBuyerPolicy.CENTER;
        private Supplier<RulesSnapshot> rules;
        private UnitMessageListener listener;
        private String replayTopic = "UNITIZE_REPLAY";
        private int threads = 4;
        private int seenCapacity = 100_000;
        private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;

        public Builder namesrv(String addr) {
            this.namesrv = addr;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder mode(SubscriptionMode mode) {
            this.mode = mode;
            return this;
        }

        /** @param tags RocketMQ tag expression ({@code *}, {@code A || B}) */
        public Builder subscribe(String topic, String tags) {
            topics.put(topic, tags == null || tags.isBlank() ? "*" : tags);
            return this;
        }

        public Builder noBuyer(NoBuyerPolicy policy) {
            this.noBuyer = policy;
            return this;
        }

        /** The current rules snapshot, e.g. {@code subscriber::snapshot} (read per message). */
        public Builder rules(Supplier<RulesSnapshot> rules) {
            this.rules = rules;
            return this;
        }

        public Builder listener(UnitMessageListener listener) {
            this.listener = listener;
            return this;
        }

        /** The control center's replay topic in this unit (default UNITIZE_REPLAY); null: no replay. */
        public Builder replayTopic(String topic) {
            this.replayTopic = topic;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** How many replicated-copy ids are remembered to drop duplicates (default 100,000). */
        public Builder seenCapacity(int capacity) {
            this.seenCapacity = capacity;
            return this;
        }

        public Builder consumeFromWhere(ConsumeFromWhere where) {
            this.consumeFromWhere = where;
            return this;
        }

        /** @throws MqConfigException naming what is missing */
        public UnitConsumer build() {
            String where = "consumer group " + (group == null ? "(unnamed)" : group);
            if (group == null || group.isBlank()) {
                throw new MqConfigException("a consumer needs its group");
            }
            if (namesrv == null || namesrv.isBlank()) {
                throw new MqConfigException(where + ": name server address is missing");
            }
            if (unit == null || unit.isBlank()) {
                throw new MqConfigException(where + ": the unit is missing");
            }
            if (mode == null) {
                throw new MqConfigException(where + ": mode is missing (NORMAL, CENTER, UNIT or ALL_UNIT)");
            }
            if (topics.isEmpty()) {
                throw new MqConfigException(where + ": no topic subscribed");
            }
            if (listener == null) {
                throw new MqConfigException(where + ": no listener");
            }
            if (rules == null && (mode == SubscriptionMode.UNIT || mode == SubscriptionMode.CENTER)) {
                throw new MqConfigException(where + ": mode " + mode + " needs the rules snapshot");
            }
            return new UnitConsumer(this);
        }
    }
}
