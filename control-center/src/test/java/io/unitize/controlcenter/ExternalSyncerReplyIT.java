package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQ_REPLY sync: an external syncer (played here by a thread that watches the target database for
 * the marker, as a real syncer applies it) replies on the target unit's RocketMQ; the cutover
 * completes on that reply and rolls back without it.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class ExternalSyncerReplyIT {

    private static final String MOVE = "{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"%s\","
            + "\"reason\":\"external syncer\",\"syncMode\":\"MQ_REPLY\"}";

    @Test
    void theCutoverWaitsForTheSyncersReplyAndRollsBackWithoutIt(UnitSandbox sandbox) throws Exception {
        try (ControlCenterFixture cc = new ControlCenterFixture(sandbox, "mqreply")
                .set("unitize.control-center.cutover.sync-reply-topic", "UNITIZE_SYNC_REPLY_IT")
                .set("unitize.control-center.cutover.sync-timeout", "8s").start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
            try (TestAgent a = new TestAgent(sandbox, cc, "center", 2_500);
                 TestAgent b = new TestAgent(sandbox, cc, "unit-b", 2_500)) {
                CutoverIT.awaitAgents(cc, 2, 1);
                replyTopicAnswersInEveryUnit(sandbox);
                AtomicBoolean replying = new AtomicBoolean(true);
                Thread syncer = new Thread(() -> syncer(sandbox, replying), "external-syncer");
                syncer.setDaemon(true);
                syncer.start();
                try {
                    JsonNode done = cc.runCutover(String.format(MOVE, "unit-b"));
                    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
                    assertThat(done.get("syncMode").asText()).isEqualTo("MQ_REPLY");

                    replying.set(false); // the syncer stops answering
                    JsonNode rolledBack = cc.runCutover(String.format(MOVE, "center"));
                    assertThat(rolledBack.get("status").asText()).as(rolledBack.toString()).isEqualTo("ROLLED_BACK");
                    assertThat(rolledBack.get("failure").asText()).startsWith("CONFIRM_SYNC").contains("(MQ_REPLY)")
                            .contains("not seen in unit center");
                } finally {
                    replying.set(false);
                    syncer.interrupt();
                }
            }
        }
    }

    /**
     * The reply topic exists in every unit's RocketMQ and its key index answers, before the timed
     * part: otherwise the syncer's first reply creates the topic, and whether the control center
     * finds it within the 8 s sync timeout depends on how soon the new topic's route and index serve
     * (a CI run on a clean clone once missed it and rolled the first cutover back).
     */
    @SuppressWarnings("deprecation") // MQAdmin.queryMessage: the key lookup the control center uses too
    private static void replyTopicAnswersInEveryUnit(UnitSandbox sandbox) throws Exception {
        for (SandboxUnit u : sandbox.units()) {
            DefaultMQProducer p = start(u);
            try {
                String key = "warm-up-" + u.code() + "-" + System.nanoTime();
                boolean sent = false;
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
                while (true) {
                    try {
                        if (!sent) {
                            p.send(new Message("UNITIZE_SYNC_REPLY_IT", u.code(), key, "{\"warmUp\":true}".getBytes(StandardCharsets.UTF_8)));
                            sent = true;
                        }
                        long now = System.currentTimeMillis();
                        if (!p.queryMessage("UNITIZE_SYNC_REPLY_IT", key, 1, now - 600_000, now + 60_000).getMessageList().isEmpty()) {
                            break;
                        }
                    } catch (org.apache.rocketmq.client.exception.MQClientException
                             | org.apache.rocketmq.remoting.exception.RemotingException
                             | org.apache.rocketmq.client.exception.MQBrokerException notYet) {
                        // the topic or its index not serving yet
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the reply topic does not answer a key lookup in " + u.code() + "'s RocketMQ");
                    }
                    Thread.sleep(200);
                }
            } finally {
                p.shutdown();
            }
        }
    }

    /** Replies for every marker that has arrived in a unit's database, on that unit's RocketMQ. */
    private static void syncer(UnitSandbox sandbox, AtomicBoolean replying) {
        Set<String> answered = new HashSet<>();
        java.util.Map<String, DefaultMQProducer> producers = new java.util.HashMap<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (replying.get()) {
                    for (SandboxUnit u : sandbox.units()) {
                        for (String[] marker : markers(u)) {
                            if (replying.get() && !marker[1].equals(u.code()) && answered.add(marker[0] + "->" + u.code())) {
                                DefaultMQProducer p = producers.computeIfAbsent(u.code(), k -> start(u));
                                p.send(new Message("UNITIZE_SYNC_REPLY_IT", u.code(), marker[0],
                                        ("{\"markerId\":\"" + marker[0] + "\",\"appliedIn\":\"" + u.code() + "\"}")
                                                .getBytes(StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            producers.values().forEach(DefaultMQProducer::shutdown);
        }
    }

    private static DefaultMQProducer start(SandboxUnit u) {
        DefaultMQProducer p = new DefaultMQProducer("it-external-syncer");
        p.setNamesrvAddr(u.namesrvAddr());
        p.setInstanceName("it-syncer-" + u.code() + "-" + System.nanoTime());
        try {
            p.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static java.util.List<String[]> markers(SandboxUnit u) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(u.jdbcUrl("mysql"), u.dbUser(), u.dbPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, source_unit FROM unitize_sync.sync_marker")) {
            while (rs.next()) {
                out.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        } catch (java.sql.SQLException notYet) {
            // the marker table is created at the first cutover
        }
        return out;
    }
}
