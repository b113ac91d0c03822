package io.unitize.controlcenter.replay;

import io.unitize.controlcenter.cutover.ReplayRequests;
import io.unitize.core.ReplayRequest;
import io.unitize.core.UnitizeException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a replay request as one message on the replay topic of the target unit's RocketMQ
 * (tag = target unit, key = cutover id). Producers start on first use, one per unit.
 */
public class RocketMqReplayRequests implements ReplayRequests, AutoCloseable {

    private final Map<String, String> namesrvByUnit;
    private final String topic;
    private final Map<String, DefaultMQProducer> producers = new ConcurrentHashMap<>();

    public RocketMqReplayRequests(Map<String, String> namesrvByUnit, String topic) {
        this.namesrvByUnit = Map.copyOf(namesrvByUnit);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void send(ReplayRequest request) throws Exception {
        DefaultMQProducer producer = producer(request.targetUnit());
        Message m = new Message(topic, request.targetUnit(), request.cutoverId(), request.toJson().getBytes(StandardCharsets.UTF_8));
        SendResult r = producer.send(m, 3000);
        if (r.getSendStatus() != SendStatus.SEND_OK) {
            throw new UnitizeException("replay request for cutover " + request.cutoverId() + " to unit " + request.targetUnit()
                    + ": broker answered " + r.getSendStatus());
        }
    }

    private synchronized DefaultMQProducer producer(String unit) throws Exception {
        DefaultMQProducer p = producers.get(unit);
        if (p != null) {
            return p;
        }
        String namesrv = namesrvByUnit.get(unit);
        if (namesrv == null) {
            throw new UnitizeException("unit " + unit + " has no RocketMQ name server configured "
                    + "(unitize.control-center.units." + unit + ".rocketmq-namesrv)");
        }
        p = new DefaultMQProducer("unitize-control-center");
        p.setNamesrvAddr(namesrv);
        p.setInstanceName("unitize-cc-" + unit + "-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this));
        p.setSendMsgTimeout(3000);
        p.setRetryTimesWhenSendFailed(1);
        p.start();
        producers.put(unit, p);
        return p;
    }

    @Override
    public void close() {
        producers.values().forEach(DefaultMQProducer::shutdown);
    }
}
