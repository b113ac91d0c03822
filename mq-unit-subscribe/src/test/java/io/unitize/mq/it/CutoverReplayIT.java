package io.unitize.mq.it;

import io.unitize.core.ReplayRequest;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.UnitMessage;
import io.unitize.mq.jdbc.JdbcVersionGate;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitConsumer;
import io.unitize.mq.rocketmq.UnitProducer;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.unitize.mq.it.MqFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cutover of slots 2000-2999 from the center to unit-b under a steady message flow, done as the
 * control center does it (freeze -> acks -> sync -> switch -> acks -> replay request), on the
 * sandbox's real Nacos, RocketMQ brokers and two-way replicated MariaDB. UNIT-mode consumers in
 * both units apply order events to their unit's database through the version gate; the write is
 * refused while the buyer is frozen or not homed there (the DB guard's check). Every order ends at
 * its last version in both databases (none lost), no (order, version) is applied twice, and every
 * application of a moving buyer's event happened in the unit that was its home at that moment.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB})
class CutoverReplayIT {

    private static final String TOPIC = "IT_CUTOVER_ORDERS";
    private static final String DB = "it_mq_cutover";
    private static final String CHANNEL = "it-mq-cutover";
    private static final int VERSIONS = 12;

    /** One effective application: which unit, under which rules version. */
    record Applied(String unit, long orderId, long version, long rulesVersion, boolean replayed) {
    }

    @Test
    void aCutoverUnderSteadyFlowLosesNothingAndAppliesNothingTwice(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        schema(center, b);
        for (SandboxUnit u : sandbox.units()) {
            MqFixture.createTopic(u, TOPIC);
            MqFixture.createTopic(u, "UNITIZE_REPLAY");
        }
        List<AutoCloseable> close = new ArrayList<>();
        List<Applied> applied = new CopyOnWriteArrayList<>();
        try {
            RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
            sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
            RulesPublisher publisher = pb.build();
            close.add(publisher);
            UnitRules v1 = MqFixture.rules(1).route(0, 4999, "center").route(5000, 9999, "unit-b").build();
            publisher.publish(v1);
            Map<String, RulesSubscriber> subscribers = new HashMap<>();
            for (SandboxUnit u : sandbox.units()) {
                RulesSubscriber s = RulesSubscriber.builder().serverAddr(u.nacosAddr()).unit(u.code()).agentKind("mq-consumer")
                        .dataId(CHANNEL + ".json").group(CHANNEL).build().start();
                close.add(s);
                subscribers.put(u.code(), s);
                await(u.code() + " applies v1", () -> s.appliedVersion() == 1);
            }
            for (SandboxUnit from : sandbox.units()) {
                for (SandboxUnit to : sandbox.units()) {
                    if (from != to) {
                        close.add(MessageReplicator.builder().from(from.code(), from.namesrvAddr()).to(to.code(), to.namesrvAddr())
                                .topic(TOPIC).build().start());
                    }
                }
            }
            for (SandboxUnit u : sandbox.units()) {
                RulesSubscriber s = subscribers.get(u.code());
                close.add(UnitConsumer.builder().namesrv(u.namesrvAddr()).unit(u.code()).group("it-cutover-projector")
                        .mode(SubscriptionMode.UNIT).noBuyer(NoBuyerPolicy.CENTER).subscribe(TOPIC, "*").rules(s::snapshot)
                        .listener(m -> apply(u, s.snapshot(), m, applied)).build().start());
            }

            // orders: 20 of moving buyers (slots 2000-2019, produced in the center), 5 of staying center buyers, 5 of unit-b's
            List<long[]> orders = new ArrayList<>(); // {orderId, buyerId, producing unit index}
            for (int i = 0; i < 20; i++) {
                orders.add(new long[]{1000 + i, 2000 + i, 0});
            }
            for (int i = 0; i < 5; i++) {
                orders.add(new long[]{2000 + i, 100 + i, 0});
                orders.add(new long[]{3000 + i, 5000 + i, 1});
            }
            UnitProducer[] producers = {UnitProducer.start(center.namesrvAddr(), "it-cutover-p", center.code()),
                    UnitProducer.start(b.namesrvAddr(), "it-cutover-p", b.code())};
            close.add(producers[0]);
            close.add(producers[1]);
            AtomicBoolean flowFailed = new AtomicBoolean();
            Thread flow = new Thread(() -> {
                try {
                    for (int v = 1; v <= VERSIONS; v++) {
                        for (long[] o : orders) {
                            // after the switch, a moving buyer's new events come from its new home
                            boolean moved = o[1] >= 2000 && o[1] < 3000 && subscribers.get("center").snapshot().isHomedIn(o[1], "unit-b");
                            UnitProducer p = producers[moved ? 1 : (int) o[2]];
                            p.sendOrderly(TOPIC, "ORDER", "order-" + o[0], ("v" + v).getBytes(StandardCharsets.UTF_8), o[1], (long) v);
                        }
                        Thread.sleep(400);
                    }
                } catch (Exception e) {
                    flowFailed.set(true);
                    throw new IllegalStateException(e);
                }
            }, "it-cutover-flow");
            flow.start();

            Thread.sleep(1500); // the flow runs
            // 1. freeze (v2) and wait for both units' acks
            UnitRules v2 = v1.toBuilder().version(2).freeze(2000, 2999).build();
            publisher.publish(v2);
            for (RulesSubscriber s : subscribers.values()) {
                await(s.unit() + " applies the freeze", () -> s.appliedVersion() == 2);
            }
            Instant t = Instant.now();
            // orders of moving buyers whose only event is produced during the freeze: only the replay can bring them to unit-b
            for (int i = 0; i < 5; i++) {
                producers[0].sendOrderly(TOPIC, "ORDER", "order-" + (1100 + i), "frozen".getBytes(StandardCharsets.UTF_8), 2100 + i, 1L);
            }
            // 2. confirm sync: a marker written in the center after T is in unit-b's database
            exec(center, "REPLACE INTO marker VALUES (1, " + t.toEpochMilli() + ")");
            await("the center's data up to T replicated to unit-b", () -> query(b, "SELECT at FROM marker WHERE id = 1") == t.toEpochMilli());
            Thread.sleep(800); // frozen: the center's listener is refused for moving buyers, messages are kept
            // 3. switch (v3) and acks
            UnitRules v3 = v1.toBuilder().version(3).routes(List.of()).route(0, 1999, "center").route(2000, 2999, "unit-b")
                    .route(3000, 4999, "center").route(5000, 9999, "unit-b").build();
            publisher.publish(v3);
            for (RulesSubscriber s : subscribers.values()) {
                await(s.unit() + " applies the switch", () -> s.appliedVersion() == 3);
            }
            // 4. replay request to unit-b, as the control center sends it (tag = target unit, key = cutover id); sent twice
            ReplayRequest replay = new ReplayRequest("it-cutover-1", b.code(), List.of(center.code()), List.of(SlotRange.of(2000, 2999)), t,
                    t.minus(Duration.ofSeconds(3)), 3);
            DefaultMQProducer cc = new DefaultMQProducer("it-control-center");
            cc.setNamesrvAddr(b.namesrvAddr());
            cc.setInstanceName("it-cc-" + System.nanoTime());
            cc.start();
            close.add(cc::shutdown);
            for (int i = 0; i < 2; i++) {
                cc.send(new Message("UNITIZE_REPLAY", b.code(), replay.cutoverId(), replay.toJson().getBytes(StandardCharsets.UTF_8)));
            }
            flow.join();
            assertThat(flowFailed).isFalse();

            for (SandboxUnit u : sandbox.units()) {
                await("every order at its last version in " + u.code() + "'s database", Duration.ofSeconds(90), () -> {
                    long done = query(u, "SELECT COUNT(*) FROM orders_state WHERE version = " + VERSIONS);
                    long frozenOnes = query(u, "SELECT COUNT(*) FROM orders_state WHERE order_id BETWEEN 1100 AND 1104 AND version = 1");
                    return done == orders.size() && frozenOnes == 5;
                });
            }
            Map<String, Long> perOrderVersion = new HashMap<>();
            for (Applied a : applied) {
                assertThat(perOrderVersion.merge(a.orderId() + "@" + a.version(), 1L, Long::sum))
                        .as("order %d version %d applied once", a.orderId(), a.version()).isEqualTo(1L);
                boolean moving = a.orderId() >= 1000 && a.orderId() < 1200;
                if (moving && a.unit().equals("center")) {
                    assertThat(a.rulesVersion()).as("the center applied a moving buyer's event only before the freeze: " + a).isEqualTo(1);
                }
                if (moving && a.unit().equals("unit-b")) {
                    assertThat(a.rulesVersion()).as("unit-b applied a moving buyer's event only after the switch: " + a).isEqualTo(3);
                }
            }
            for (int i = 0; i < 5; i++) {
                long order = 1100 + i;
                assertThat(applied).as("order %d, produced during the freeze, applied in unit-b by the replay", order)
                        .anyMatch(a -> a.orderId() == order && a.replayed() && a.unit().equals("unit-b"));
            }
        } finally {
            for (int i = close.size() - 1; i >= 0; i--) {
                close.get(i).close();
            }
        }
    }

    /** The application's listener: the DB guard's check, then the version gate and the write, in one transaction. */
    private static void apply(SandboxUnit u, RulesSnapshot rules, UnitMessage m, List<Applied> applied) throws Exception {
        long buyer = m.buyerId().orElseThrow();
        long version = m.version().orElseThrow();
        long orderId = Long.parseLong(m.keys().substring("order-".length()));
        rules.checkWrite(buyer, u.code()); // frozen or not homed here: refused (UnitWriteFrozenException / UnitMisrouteException)
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(DB), u.dbUser(), u.dbPassword())) {
            c.setAutoCommit(false);
            if (JdbcVersionGate.tryAdvance(c, "order:" + orderId, version)) {
                try (PreparedStatement ps = c.prepareStatement("REPLACE INTO orders_state VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, orderId);
                    ps.setLong(2, buyer);
                    ps.setString(3, m.bodyAsString());
                    ps.setLong(4, version);
                    ps.executeUpdate();
                }
                c.commit();
                applied.add(new Applied(u.code(), orderId, version, rules.version(), m.replayed()));
            } else {
                c.commit();
            }
        }
    }

    private static void schema(SandboxUnit center, SandboxUnit b) throws Exception {
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".orders_state (order_id BIGINT PRIMARY KEY, buyer_id BIGINT, state VARCHAR(16), version BIGINT)");
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".marker (id INT PRIMARY KEY, at BIGINT)");
            s.execute("USE " + DB);
            JdbcVersionGate.createTable(c);
        }
        await("the schema replicated to unit-b", () -> {
            try {
                query(b, "SELECT COUNT(*) FROM " + JdbcVersionGate.TABLE);
                query(b, "SELECT COUNT(*) FROM marker");
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private static void exec(SandboxUnit u, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(DB), u.dbUser(), u.dbPassword()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(SandboxUnit u, String sql) {
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(DB), u.dbUser(), u.dbPassword()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : -1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
