package io.unitize.mq.rocketmq;

import io.unitize.core.UnitContext;
import io.unitize.core.UnitizeException;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.List;
import java.util.OptionalLong;

/**
 * Sends business messages from this unit with the Unitize properties: the buyerId (given, or taken
 * from {@link UnitContext}), the origin unit, and an optional business version.
 * {@link #sendOrderly} keeps one buyer's messages in one queue (per-buyer order on an orderly topic).
 *
 * <pre>{@code
 * UnitProducer producer = UnitProducer.start("127.0.0.1:9876", "order-events", "unit-b");
 * try (UnitContext.Scope s = UnitContext.enter(5001L)) {
 *     producer.send("ORDER_EVENTS", "PAID", "order-77", body);       // buyerId 5001 from the context
 * }
 * producer.send("ORDER_EVENTS", "PAID", "order-77", body, 5001L, 3L); // explicit buyer and version 3
 * }</pre>
 */
public final class UnitProducer implements AutoCloseable {

    private final DefaultMQProducer producer;
    private final String unit;

    private UnitProducer(DefaultMQProducer producer, String unit) {
        this.producer = producer;
        this.unit = unit;
    }

    public static UnitProducer start(String namesrvAddr, String group, String unit) {
        DefaultMQProducer p = new DefaultMQProducer(group);
        p.setNamesrvAddr(namesrvAddr);
        p.setInstanceName(Messages.instanceName("producer", unit));
        p.setSendMsgTimeout(3000);
        try {
            p.start();
        } catch (MQClientException e) {
            throw new UnitizeException("UNITIZE-MQ-010 producer group " + group + " of unit " + unit + " cannot start: " + e.getErrorMessage(), e);
        }
        return new UnitProducer(p, unit);
    }

    /** Sends with the buyer of the current {@link UnitContext} (none: a message without buyerId). */
    public SendResult send(String topic, String tags, String keys, byte[] body) throws Exception {
        OptionalLong buyer = UnitContext.buyerId();
        return send(topic, tags, keys, body, buyer.isPresent() ? buyer.getAsLong() : null, null);
    }

    /** Sends with an explicit buyer (null: none) and business version (null: none). */
    public SendResult send(String topic, String tags, String keys, byte[] body, Long buyerId, Long version) throws Exception {
        return check(producer.send(message(topic, tags, keys, body, buyerId, version)), topic);
    }

    /** Sends into the queue of the buyer ({@code buyerId mod queues}): one buyer's messages keep their order. */
    public SendResult sendOrderly(String topic, String tags, String keys, byte[] body, long buyerId, Long version) throws Exception {
        return check(producer.send(message(topic, tags, keys, body, buyerId, version),
                (List<MessageQueue> mqs, Message msg, Object arg) -> mqs.get((int) Math.floorMod((Long) arg, (long) mqs.size())), buyerId), topic);
    }

    Message message(String topic, String tags, String keys, byte[] body, Long buyerId, Long version) {
        Message m = new Message(topic, tags, keys, body);
        m.putUserProperty(UnitMessageProperties.ORIGIN_UNIT, unit);
        if (buyerId != null) {
            m.putUserProperty(UnitMessageProperties.BUYER_ID, Long.toString(buyerId));
        }
        if (version != null) {
            m.putUserProperty(UnitMessageProperties.VERSION, Long.toString(version));
        }
        return m;
    }

    private static SendResult check(SendResult r, String topic) {
        if (r.getSendStatus() != SendStatus.SEND_OK) {
            throw new UnitizeException("UNITIZE-MQ-011 send to " + topic + ": broker answered " + r.getSendStatus());
        }
        return r;
    }

    public String unit() {
        return unit;
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
