package io.unitize.mq.rocketmq;

import io.unitize.core.ReplayRequest;
import io.unitize.core.RulesSnapshot;
import io.unitize.mq.ConsumeDecision;
import io.unitize.mq.SubscriptionFilter;
import io.unitize.mq.UnitMessageListener;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The replay side of a UNIT-mode consumer group in the target unit of a cutover. It listens on the
 * replay topic (tag = this unit; one instance of the group takes each request) and, for a request,
 * reads this unit's broker from {@code replayFrom} (seek by timestamp) up to the moment the replay
 * began, and hands the listener every message of a moved slot whose buyer is now homed here
 * (replicated copies included: that is how the messages of the old unit get here). The listener's
 * version gate makes messages that were already applied (in the old unit before the freeze, or here
 * after the switch) harmless. A request is acknowledged only after the whole replay succeeded;
 * otherwise it is delivered again and replayed again. Done cutover ids are remembered: a request
 * that arrives twice is replayed once per process.
 */
public final class ReplayRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);
    private static final int LISTENER_ATTEMPTS = 8;

    private final String namesrv;
    private final String unit;
    private final String group;
    private final String replayTopic;
    private final Collection<String> topics;
    private final SubscriptionFilter filter;
    private final Supplier<RulesSnapshot> rules;
    private final UnitMessageListener listener;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final AtomicLong replayed = new AtomicLong();
    private DefaultMQPushConsumer requests;
    private volatile boolean closed;

    ReplayRunner(String namesrv, String unit, String group, String replayTopic, Collection<String> topics, SubscriptionFilter filter,
                 Supplier<RulesSnapshot> rules, UnitMessageListener listener) {
        this.namesrv = namesrv;
        this.unit = unit;
        this.group = group;
        this.replayTopic = replayTopic;
        this.topics = List.copyOf(topics);
        this.filter = filter;
        this.rules = rules;
        this.listener = listener;
    }

    ReplayRunner start() throws MQClientException {
        requests = new DefaultMQPushConsumer(group + "_UNITIZE_REPLAY");
        requests.setNamesrvAddr(namesrv);
        requests.setInstanceName(Messages.instanceName("replay", unit));
        requests.setConsumeThreadMin(1);
        requests.setConsumeThreadMax(1);
        requests.subscribe(replayTopic, unit);
        requests.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                ReplayRequest r;
                try {
                    r = ReplayRequest.fromJson(new String(m.getBody(), StandardCharsets.UTF_8));
                } catch (RuntimeException bad) {
                    log.error("UNITIZE-MQ-030 group {}: replay request {} refused, not a replay request: {}", group, m.getMsgId(), bad.getMessage());
                    continue; // malformed: retrying cannot help; logged with its id
                }
                if (!unit.equals(r.targetUnit()) || done.contains(r.cutoverId())) {
                    continue;
                }
                try {
                    replay(r);
                    done.add(r.cutoverId());
                } catch (Exception e) {
                    log.warn("UNITIZE-MQ-031 group {}: replay of cutover {} failed: {}; the request is delivered again", group, r.cutoverId(), e.toString());
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        requests.start();
        return this;
    }

    /** Replays one request now (also called by the replay listener); returns the number of messages handed to the listener. */
    public long replay(ReplayRequest r) throws Exception {
        long until = System.currentTimeMillis();
        long count = 0;
        DefaultLitePullConsumer pull = new DefaultLitePullConsumer(group + "_UNITIZE_REPLAY_PULL");
        pull.setNamesrvAddr(namesrv);
        pull.setInstanceName(Messages.instanceName("replay-pull", unit));
        pull.setAutoCommit(false);
        pull.setPullBatchSize(64);
        pull.start();
        try {
            List<MessageQueue> queues = new ArrayList<>();
            for (String topic : topics) {
                queues.addAll(pull.fetchMessageQueues(topic));
            }
            pull.assign(queues);
            for (MessageQueue mq : queues) {
                pull.seek(mq, pull.offsetForTimestamp(mq, r.replayFrom().toEpochMilli()));
            }
            Set<MessageQueue> open = new HashSet<>(queues);
            int idle = 0;
            while (!open.isEmpty() && idle < 3 && !closed) {
                List<MessageExt> batch = pull.poll(500);
                if (batch.isEmpty()) {
                    idle++;
                    continue;
                }
                idle = 0;
                for (MessageExt m : batch) {
                    MessageQueue mq = new MessageQueue(m.getTopic(), m.getBrokerName(), m.getQueueId());
                    if (m.getStoreTimestamp() > until) {
                        if (open.remove(mq)) {
                            pull.pause(List.of(mq)); // later messages are the live consumer's
                        }
                        continue;
                    }
                    if (replayable(m, r)) {
                        deliver(m);
                        count++;
                    }
                }
            }
        } finally {
            pull.shutdown();
        }
        replayed.addAndGet(count);
        log.info("UNITIZE-MQ-032 group {} in unit {}: cutover {} replayed {} messages of slots {} from {}", group, unit, r.cutoverId(), count,
                r.ranges(), r.replayFrom());
        return count;
    }

    private boolean replayable(MessageExt m, ReplayRequest r) {
        String buyer = m.getUserProperty(UnitMessageProperties.BUYER_ID);
        if (buyer == null) {
            return false;
        }
        long buyerId;
        try {
            buyerId = Long.parseLong(buyer);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean replicated = m.getUserProperty(UnitMessageProperties.REPLICATED_FROM) != null;
        return r.covers(rules.get().slotOf(buyerId))
                && filter.decide(buyer, m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT), replicated) == ConsumeDecision.CONSUME;
    }

    private void deliver(MessageExt m) throws Exception {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                listener.onMessage(Messages.toUnitMessage(m, true));
                return;
            } catch (Exception e) {
                if (attempt >= LISTENER_ATTEMPTS || closed) {
                    throw e;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Messages handed to the listener by replays so far. */
    public long replayed() {
        return replayed.get();
    }

    /** Cutover ids replayed by this process. */
    public Set<String> done() {
        return Set.copyOf(done);
    }

    @Override
    public void close() {
        closed = true;
        if (requests != null) {
            requests.shutdown();
        }
    }
}
