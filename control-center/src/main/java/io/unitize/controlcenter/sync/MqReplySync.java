package io.unitize.controlcenter.sync;

import io.unitize.controlcenter.cutover.SyncConfirmation;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.controlcenter.replay.UnitNameServers;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageExt;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For replication by an external syncer (Otter/DRC style): the marker row is written in the source
 * database like in {@link MarkerRowSync}; the syncer, once it has applied that row in the target
 * unit, sends a reply on the target unit's RocketMQ: topic {@code sync-reply-topic}, key = the
 * marker id, body containing the marker id. The control center looks the reply up by key on the
 * broker (its message index), so a reply is found after a control-center restart too.
 */
public class MqReplySync implements SyncConfirmation, AutoCloseable {

    private static final long LOOKBACK_MS = 3_600_000;

    private final UnitDatabases databases;
    private final UnitNameServers nameServers;
    private final String topic;
    private final Map<String, DefaultMQProducer> clients = new ConcurrentHashMap<>();

    public MqReplySync(UnitDatabases databases, UnitNameServers nameServers, String topic) {
        this.databases = databases;
        this.nameServers = nameServers;
        this.topic = topic;
    }

    @Override
    public SyncMode mode() {
        return SyncMode.MQ_REPLY;
    }

    @Override
    public String mark(String markerId, String sourceUnit) throws Exception {
        MarkerRowSync.insert(databases, markerId, sourceUnit);
        return markerId;
    }

    @Override
    public boolean arrived(String token, String sourceUnit, String targetUnit) throws Exception {
        long now = System.currentTimeMillis();
        try {
            for (MessageExt m : client(targetUnit).queryMessage(topic, token, 16, now - LOOKBACK_MS, now + 60_000).getMessageList()) {
                if (new String(m.getBody(), StandardCharsets.UTF_8).contains(token)) {
                    return true;
                }
            }
            return false;
        } catch (MQClientException e) {
            return false; // no reply yet (or the topic does not exist yet): asked again at the next poll
        }
    }

    @SuppressWarnings("deprecation") // MQAdmin.queryMessage: the key lookup this needs
    private synchronized DefaultMQProducer client(String unit) throws MQClientException {
        String namesrv = nameServers.of(unit, "MQ_REPLY sync");
        String key = unit + " " + namesrv; // a name server moved in units[]: a new client
        DefaultMQProducer c = clients.get(key);
        if (c == null) {
            c = new DefaultMQProducer("unitize-control-center-sync");
            c.setNamesrvAddr(namesrv);
            c.setInstanceName("unitize-cc-sync-" + unit + "-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this));
            c.start();
            clients.put(key, c);
        }
        return c;
    }

    @Override
    public void close() {
        clients.values().forEach(DefaultMQProducer::shutdown);
    }
}
