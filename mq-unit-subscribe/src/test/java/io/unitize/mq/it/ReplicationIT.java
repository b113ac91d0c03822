package io.unitize.mq.it;

import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessageProperties;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitConsumer;
import io.unitize.mq.rocketmq.UnitProducer;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.unitize.mq.it.MqFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replicator on the two units' real brokers: both directions at once never loop (each broker
 * holds exactly the messages produced in both units), a replicator restarted mid-flow loses nothing
 * and the consumers see every original id once (a copy sent twice is dropped), and the lag is recorded.
 */
@SandboxServers({ServerKind.ROCKETMQ})
class ReplicationIT {

    private static final String TOPIC = "IT_REPLICATION";

    @Test
    void bothDirectionsNoLoopRestartNoDuplicateLagRecorded(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        for (SandboxUnit u : sandbox.units()) {
            MqFixture.createTopic(u, TOPIC);
        }
        List<AutoCloseable> close = new ArrayList<>();
        try {
            MessageReplicator toB = MessageReplicator.builder().from(center.code(), center.namesrvAddr()).to(b.code(), b.namesrvAddr())
                    .topic(TOPIC).build().start();
            MessageReplicator toCenter = MessageReplicator.builder().from(b.code(), b.namesrvAddr()).to(center.code(), center.namesrvAddr())
                    .topic(TOPIC).build().start();
            close.add(toCenter);
            Map<String, List<String>> seenIds = new HashMap<>();
            Map<String, UnitConsumer> consumers = new HashMap<>();
            for (SandboxUnit u : sandbox.units()) {
                List<String> ids = Collections.synchronizedList(new ArrayList<>());
                seenIds.put(u.code(), ids);
                UnitConsumer c = UnitConsumer.builder().namesrv(u.namesrvAddr()).unit(u.code()).group("it-replication-all")
                        .mode(SubscriptionMode.ALL_UNIT).noBuyer(NoBuyerPolicy.CENTER).subscribe(TOPIC, "*").replayTopic(null)
                        .listener(m -> ids.add(m.messageId())).build().start();
                consumers.put(u.code(), c);
                close.add(c);
            }
            UnitProducer fromCenter = UnitProducer.start(center.namesrvAddr(), "it-replication-p", center.code());
            UnitProducer fromB = UnitProducer.start(b.namesrvAddr(), "it-replication-p", b.code());
            close.add(fromCenter);
            close.add(fromB);

            int perUnit = 300;
            List<String> sentIds = new ArrayList<>();
            for (int i = 0; i < perUnit; i++) {
                if (i == perUnit / 2) {
                    toB.close(); // restart mid-flow: what it had not acknowledged is copied again by the next one
                    toB = MessageReplicator.builder().from(center.code(), center.namesrvAddr()).to(b.code(), b.namesrvAddr())
                            .topic(TOPIC).build().start();
                }
                sentIds.add(fromCenter.send(TOPIC, "T", "c-" + i, ("c-" + i).getBytes(StandardCharsets.UTF_8), (long) i, null).getMsgId());
                sentIds.add(fromB.send(TOPIC, "T", "b-" + i, ("b-" + i).getBytes(StandardCharsets.UTF_8), 5000L + i, null).getMsgId());
            }
            close.add(toB);
            for (SandboxUnit u : sandbox.units()) {
                await("every message of both units consumed in " + u.code(), () -> seenIds.get(u.code()).containsAll(sentIds));
            }

            // a copy sent twice (at-least-once): forge the second copy of a center message in unit-b, as a replicator would
            String original = sentIds.get(0);
            DefaultMQProducer forger = new DefaultMQProducer("it-replication-forger");
            forger.setNamesrvAddr(b.namesrvAddr());
            forger.setInstanceName("it-forger-" + System.nanoTime());
            forger.start();
            try {
                Message dup = new Message(TOPIC, "T", "c-0", "c-0".getBytes(StandardCharsets.UTF_8));
                dup.putUserProperty(UnitMessageProperties.ORIGIN_UNIT, center.code());
                dup.putUserProperty(UnitMessageProperties.BUYER_ID, "0");
                dup.putUserProperty(UnitMessageProperties.ORIGIN_MSG_ID, original);
                dup.putUserProperty(UnitMessageProperties.REPLICATED_FROM, center.code());
                SendResult r = forger.send(dup);
                assertThat(r.getMsgId()).isNotEqualTo(original);
            } finally {
                forger.shutdown();
            }
            await("the forged second copy reached unit-b's consumer and was dropped", () -> consumers.get(b.code()).duplicatesDropped() >= 1);

            Thread.sleep(3000); // a loop or ping-pong would keep adding messages
            for (SandboxUnit u : sandbox.units()) {
                assertThat(MqFixture.messagesIn(u, TOPIC)).as("messages in %s's broker: %d produced there + %d copies (+1 forged in unit-b)",
                        u.code(), perUnit, perUnit).isEqualTo(2L * perUnit + (u == b ? 1 : 0) + duplicatesCopied(u, b, consumers));
                List<String> ids = new ArrayList<>(seenIds.get(u.code()));
                assertThat(ids).as("each original id handed to %s's listener once", u.code()).doesNotHaveDuplicates().hasSize(2 * perUnit);
            }
            assertThat(toCenter.copiesNotReplicated()).as("the copies in unit-b were seen and not sent back").isGreaterThanOrEqualTo(perUnit);
            assertThat(toCenter.lag().count()).isEqualTo(perUnit);
            assertThat(toCenter.lag().percentile(99)).isGreaterThanOrEqualTo(0);
        } finally {
            for (int i = close.size() - 1; i >= 0; i--) {
                close.get(i).close();
            }
        }
    }

    /** Copies the restarted replicator sent twice: they are in the broker, and dropped by the consumer. */
    private static long duplicatesCopied(SandboxUnit u, SandboxUnit b, Map<String, UnitConsumer> consumers) {
        return u == b ? consumers.get(b.code()).duplicatesDropped() - 1 : 0;
    }
}
