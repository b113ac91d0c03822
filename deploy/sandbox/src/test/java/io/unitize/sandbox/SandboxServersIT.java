package io.unitize.sandbox;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every server of every unit answers a real client call; data replicates; Canal sees row changes. */
@SandboxServers
class SandboxServersIT {

    @Test
    void nacosOfEachUnitServesConfigAndNaming(UnitSandbox sandbox) throws Exception {
        for (SandboxUnit unit : sandbox.units()) {
            // the running server's own reading of application.properties (no -D override here)
            assertThat(unit.nacosSetting("nacos.naming.push.pushTaskDelay")).as("push delay of " + unit.code() + "'s Nacos")
                    .contains("50");
            Properties p = SandboxClients.nacos(unit);
            ConfigService config = NacosFactory.createConfigService(p);
            NamingService naming = NacosFactory.createNamingService(p);
            try {
                String dataId = "sandbox-it-" + unit.code();
                assertThat(config.publishConfig(dataId, "SANDBOX", "hello " + unit.code())).isTrue();
                assertThat(SandboxClients.await(() -> config.getConfig(dataId, "SANDBOX", 3000), ("hello " + unit.code())::equals))
                        .isEqualTo("hello " + unit.code());
                naming.registerInstance("sandbox-it-svc", "SANDBOX", "127.0.0.1", 7001);
                assertThat(SandboxClients.await(() -> naming.getAllInstances("sandbox-it-svc", "SANDBOX", false).size(), n -> n == 1))
                        .isEqualTo(1);
            } finally {
                naming.shutDown();
                config.shutDown();
            }
        }
    }

    @Test
    void rocketmqMessageSentInAUnitIsConsumedThere(UnitSandbox sandbox) throws Exception {
        for (SandboxUnit unit : sandbox.units()) {
            String topic = "SANDBOX_IT_" + unit.code().replace('-', '_');
            unit.createTopic(topic, 2);
            BlockingQueue<MessageExt> got = new LinkedBlockingQueue<>();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("sandbox_it_c_" + unit.index());
            consumer.setNamesrvAddr(unit.namesrvAddr());
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                got.addAll(msgs);
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            DefaultMQProducer producer = new DefaultMQProducer("sandbox_it_p_" + unit.index());
            producer.setNamesrvAddr(unit.namesrvAddr());
            producer.start();
            try {
                org.apache.rocketmq.common.message.Message m = new org.apache.rocketmq.common.message.Message(topic, "T",
                        ("hello " + unit.code()).getBytes(StandardCharsets.UTF_8));
                m.putUserProperty("buyerId", "42");
                assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                MessageExt received = got.poll(60, TimeUnit.SECONDS);
                assertThat(received).as("message consumed in %s", unit.code()).isNotNull();
                assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello " + unit.code());
                assertThat(received.getUserProperty("buyerId")).isEqualTo("42");
            } finally {
                producer.shutdown();
                consumer.shutdown();
            }
        }
    }

    @Test
    void aRowWrittenInOneUnitAppearsInTheOtherBothWays(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.unit("center");
        SandboxUnit b = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(center.jdbcUrl("mysql"), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS sandbox_repl");
            s.execute("CREATE TABLE IF NOT EXISTS sandbox_repl.t (id BIGINT PRIMARY KEY, v VARCHAR(32))");
            s.execute("INSERT INTO sandbox_repl.t VALUES (1, 'from-center')");
        }
        assertThat(SandboxClients.await(() -> SandboxClients.queryString(b, "SELECT v FROM sandbox_repl.t WHERE id=1"), "from-center"::equals))
                .isEqualTo("from-center");
        try (Connection c = DriverManager.getConnection(b.jdbcUrl("sandbox_repl"), b.dbUser(), b.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (2, 'from-unit-b')");
        }
        assertThat(SandboxClients.await(() -> SandboxClients.queryString(center, "SELECT v FROM sandbox_repl.t WHERE id=2"), "from-unit-b"::equals))
                .isEqualTo("from-unit-b");
    }

    @Test
    void canalOfEachUnitDeliversInsertUpdateDeleteWithBeforeAndAfterImages(UnitSandbox sandbox) throws Exception {
        for (SandboxUnit unit : sandbox.units()) {
            canalDeliversRowChangesOf(unit);
        }
    }

    private void canalDeliversRowChangesOf(SandboxUnit unit) throws Exception {
        String db = "sandbox_canal_" + unit.code().replace('-', '_');
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + db);
            s.execute("CREATE TABLE IF NOT EXISTS " + db + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT, state VARCHAR(16))");
        }
        CanalConnector canal = CanalConnectors.newSingleConnector(
                new InetSocketAddress("127.0.0.1", unit.canalPort()), unit.canalDestination(), "", "");
        canal.connect();
        try {
            canal.subscribe(db + "\\.orders");
            canal.rollback();
            try (Connection c = DriverManager.getConnection(unit.jdbcUrl(db), unit.dbUser(), unit.dbPassword());
                 Statement s = c.createStatement()) {
                s.execute("INSERT INTO orders VALUES (7, 1001, 'NEW')");
                s.execute("UPDATE orders SET state='PAID' WHERE id=7");
                s.execute("DELETE FROM orders WHERE id=7");
            }
            List<String> changes = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (changes.size() < 3 && System.nanoTime() < deadline) {
                Message m = canal.getWithoutAck(100, 200L, TimeUnit.MILLISECONDS);
                for (CanalEntry.Entry e : m.getEntries()) {
                    if (e.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                        continue;
                    }
                    CanalEntry.RowChange rc = CanalEntry.RowChange.parseFrom(e.getStoreValue());
                    if (rc.getIsDdl() || !"orders".equals(e.getHeader().getTableName()) || !db.equals(e.getHeader().getSchemaName())) {
                        continue;
                    }
                    for (CanalEntry.RowData row : rc.getRowDatasList()) {
                        changes.add(rc.getEventType() + " before=" + columns(row.getBeforeColumnsList())
                                + " after=" + columns(row.getAfterColumnsList()) + " serverId=" + e.getHeader().getServerId());
                    }
                }
                if (m.getId() != -1) {
                    canal.ack(m.getId());
                }
            }
            long sid = unit.dbServerId();
            assertThat(changes).containsExactly(
                    "INSERT before={} after={id=7, buyer_id=1001, state=NEW} serverId=" + sid,
                    "UPDATE before={id=7, buyer_id=1001, state=NEW} after={id=7, buyer_id=1001, state=PAID} serverId=" + sid,
                    "DELETE before={id=7, buyer_id=1001, state=PAID} after={} serverId=" + sid);
        } finally {
            canal.disconnect();
        }
    }

    private static String columns(List<CanalEntry.Column> cols) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        cols.forEach(c -> m.put(c.getName(), c.getIsNull() ? null : c.getValue()));
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }

    @Test
    void redisOfEachUnitSetsAndGets(UnitSandbox sandbox) {
        for (SandboxUnit unit : sandbox.units()) {
            RedisClient client = RedisClient.create(unit.redisUri());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().set("sandbox-it:" + unit.code(), "v-" + unit.code());
                assertThat(c.sync().get("sandbox-it:" + unit.code())).isEqualTo("v-" + unit.code());
            } finally {
                client.shutdown();
            }
        }
        // the units' Redis servers are separate: a key of one unit is not in the other
        RedisClient b = RedisClient.create(sandbox.unit("unit-b").redisUri());
        try (StatefulRedisConnection<String, String> c = b.connect()) {
            assertThat(c.sync().get("sandbox-it:center")).isNull();
        } finally {
            b.shutdown();
        }
    }

    @Test
    void everyServerIsAChildProcessOnLoopback(UnitSandbox sandbox) throws Exception {
        List<Long> pids = sandbox.pids();
        // per unit: nacos, namesrv, broker, mariadb, redis, canal
        assertThat(pids).hasSize(6 * sandbox.units().size());
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .contains(ProcessHandle.current().pid());
        }
        try (Connection c = DriverManager.getConnection(sandbox.center().jdbcUrl("mysql"), sandbox.center().dbUser(), ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@bind_address, @@binlog_format, @@log_bin")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("127.0.0.1");
            assertThat(r.getString(2)).isEqualTo("ROW");
            assertThat(r.getInt(3)).isEqualTo(1);
        }
    }
}
