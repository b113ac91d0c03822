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
 * (tag = target unit, key = cutover id), whose name server is the unit's {@code rocketmq} endpoint in
 * units[] ({@link UnitNameServers}). Producers start on first use, one per unit and name server.
 */
public class RocketMqReplayRequests implements ReplayRequests, AutoCloseable {

    private final UnitNameServers nameServers;
    private final String topic;
    private final Map<String, DefaultMQProducer> producers = new ConcurrentHashMap<>(); // key: unit + " " + name server

    public RocketMqReplayRequests(UnitNameServers nameServers, String topic) {
        this.nameServers = nameServers;
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
        String namesrv = nameServers.of(unit, "a replay request");
        String key = unit + " " + namesrv; // a name server moved in units[]: a new producer
        DefaultMQProducer p = producers.get(key);
        if (p != null) {
            return p;
        }
        p = new DefaultMQProducer("unitize-control-center");
        p.setNamesrvAddr(namesrv);
        p.setInstanceName("unitize-cc-" + unit + "-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this));
        p.setSendMsgTimeout(3000);
        p.setRetryTimesWhenSendFailed(1);
        p.start();
        producers.put(key, p);
        return p;
    }

    @Override
    public void close() {
        producers.values().forEach(DefaultMQProducer::shutdown);
    }
}
