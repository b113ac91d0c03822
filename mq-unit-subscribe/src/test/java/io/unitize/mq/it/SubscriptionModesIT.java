package io.unitize.mq.it;

import io.unitize.core.RulesSnapshot;
import io.unitize.mq.ConsumeDecision;
import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitConsumer;
import io.unitize.mq.rocketmq.UnitProducer;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.unitize.mq.it.MqFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each subscription mode on the two units' real brokers, with producers in both units and the
 * replicator running both ways: which unit's listener saw which message, counted exactly.
 * Messages: from each unit, buyers 1..5 (homed in the center) and 5001..5005 (homed in unit-b).
 */
@SandboxServers({ServerKind.ROCKETMQ})
class SubscriptionModesIT {

    private static final Map<SubscriptionMode, String> TOPIC = Map.of(SubscriptionMode.NORMAL, "IT_MODE_NORMAL",
            SubscriptionMode.CENTER, "IT_MODE_CENTER", SubscriptionMode.UNIT, "IT_MODE_UNIT", SubscriptionMode.ALL_UNIT, "IT_MODE_ALL");
    private static final String NO_BUYER_CENTER = "IT_NOBUYER_CENTER";
    private static final String NO_BUYER_DLQ = "IT_NOBUYER_DLQ";

    private static UnitSandbox sandbox;
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static final Map<String, UnitProducer> PRODUCERS = new ConcurrentHashMap<>();
    /** "<mode or topic>@<unit>" -> keys the listener saw (a list: a duplicate would show). */
    private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, UnitConsumer> CONSUMERS = new ConcurrentHashMap<>();
    private static final AtomicReference<RulesSnapshot> RULES = new AtomicReference<>();

    @BeforeAll
    static void start(UnitSandbox sb) throws Exception {
        sandbox = sb;
        RULES.set(MqFixture.rules(1).route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile());
        List<String> topics = new ArrayList<>(TOPIC.values());
        topics.add(NO_BUYER_CENTER);
        topics.add(NO_BUYER_DLQ);
        for (SandboxUnit u : sandbox.units()) {
            for (String t : topics) {
                MqFixture.createTopic(u, t);
            }
            MqFixture.createTopic(u, NO_BUYER_DLQ + "_UNITIZE_NO_BUYER");
            MqFixture.createTopic(u, NO_BUYER_CENTER + "_UNITIZE_NO_BUYER");
        }
        for (SandboxUnit from : sandbox.units()) {
            for (SandboxUnit to : sandbox.units()) {
                if (from != to) {
                    MessageReplicator.Builder r = MessageReplicator.builder().from(from.code(), from.namesrvAddr()).to(to.code(), to.namesrvAddr());
                    topics.forEach(r::topic); // NORMAL's topic too: its consumers must ignore the copies
                    CLOSE.add(r.build().start());
                }
            }
        }
        for (SandboxUnit u : sandbox.units()) {
            for (Map.Entry<SubscriptionMode, String> e : TOPIC.entrySet()) {
                consumer(u, "it-mode-" + e.getKey(), e.getValue(), e.getKey(), NoBuyerPolicy.CENTER, e.getKey().name());
            }
            consumer(u, "it-nobuyer-center", NO_BUYER_CENTER, SubscriptionMode.UNIT, NoBuyerPolicy.CENTER, NO_BUYER_CENTER);
            consumer(u, "it-nobuyer-dlq", NO_BUYER_DLQ, SubscriptionMode.UNIT, NoBuyerPolicy.DEAD_LETTER, NO_BUYER_DLQ);
            UnitProducer p = UnitProducer.start(u.namesrvAddr(), "it-modes-producer", u.code());
            CLOSE.add(p);
            PRODUCERS.put(u.code(), p);
        }
    }

    private static void consumer(SandboxUnit u, String group, String topic, SubscriptionMode mode, NoBuyerPolicy noBuyer, String label) {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        SEEN.put(label + "@" + u.code(), seen);
        UnitConsumer c = UnitConsumer.builder().namesrv(u.namesrvAddr()).unit(u.code()).group(group).mode(mode).noBuyer(noBuyer)
                .subscribe(topic, "*").rules(RULES::get).replayTopic(null).listener(m -> seen.add(m.keys())).build().start();
        CLOSE.add(c);
        CONSUMERS.put(label + "@" + u.code(), c);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    /** Sends buyers 1..5 and 5001..5005 from both units; returns every key sent. */
    private static Set<String> sendFromBothUnits(String topic) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (SandboxUnit u : sandbox.units()) {
            for (long buyer : new long[]{1, 2, 3, 4, 5, 5001, 5002, 5003, 5004, 5005}) {
                String key = u.code() + "/" + buyer;
                PRODUCERS.get(u.code()).send(topic, "T", key, key.getBytes(StandardCharsets.UTF_8), buyer, null);
                keys.add(key);
            }
        }
        return keys;
    }

    private static Set<String> homedIn(Set<String> keys, String unit) {
        return keys.stream().filter(k -> (Long.parseLong(k.substring(k.indexOf('/') + 1)) >= 5000) == unit.equals("unit-b"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void awaitExactly(String label, String unit, Set<String> expected) throws InterruptedException {
        List<String> seen = SEEN.get(label + "@" + unit);
        await(label + " in " + unit + " saw " + expected.size(), () -> new TreeSet<>(new ArrayList<>(seen)).containsAll(expected)); // toArray holds the list's lock; iterating it would not
        Thread.sleep(1500); // anything extra (a duplicate, a message of another unit) would arrive by now
        assertThat(new ArrayList<>(seen)).as(label + " in " + unit).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Waits until {@code consumer} counted {@code expected} decisions of {@code kind}, then checks no more come. */
    private static void awaitDecisions(String consumer, ConsumeDecision kind, long expected) throws InterruptedException {
        await(consumer + " counted " + expected + " " + kind, () -> CONSUMERS.get(consumer).decisions().getOrDefault(kind, 0L) >= expected);
        Thread.sleep(1500); // a duplicate would be counted by now
        assertThat(CONSUMERS.get(consumer).decisions().get(kind)).as(consumer + ": " + kind + " counted exactly").isEqualTo(expected);
    }

    @Test
    void unitModeEachUnitConsumesOnlyItsOwnBuyersFromBothUnits() throws Exception {
        Set<String> keys = sendFromBothUnits(TOPIC.get(SubscriptionMode.UNIT));
        awaitExactly("UNIT", "center", homedIn(keys, "center"));
        awaitExactly("UNIT", "unit-b", homedIn(keys, "unit-b"));
        for (String unit : List.of("center", "unit-b")) {
            // a replicated copy may reach this unit after its own buyers' messages: wait for the count, then check it exactly
            awaitDecisions("UNIT@" + unit, ConsumeDecision.SKIP_NOT_HOME, 10);
        }
    }

    @Test
    void centerModeConsumesEveryUnitsMessagesOnlyInTheCenter() throws Exception {
        Set<String> keys = sendFromBothUnits(TOPIC.get(SubscriptionMode.CENTER));
        awaitExactly("CENTER", "center", keys);
        assertThat(SEEN.get("CENTER@unit-b")).isEmpty();
        awaitDecisions("CENTER@unit-b", ConsumeDecision.SKIP_NOT_CENTER, 20);
    }

    @Test
    void allUnitModeConsumesEveryMessageInEveryUnit() throws Exception {
        Set<String> keys = sendFromBothUnits(TOPIC.get(SubscriptionMode.ALL_UNIT));
        awaitExactly("ALL_UNIT", "center", keys);
        awaitExactly("ALL_UNIT", "unit-b", keys);
    }

    @Test
    void normalModeConsumesWhereProducedAndIgnoresReplicatedCopies() throws Exception {
        Set<String> keys = sendFromBothUnits(TOPIC.get(SubscriptionMode.NORMAL));
        for (String unit : List.of("center", "unit-b")) {
            Set<String> own = keys.stream().filter(k -> k.startsWith(unit + "/")).collect(Collectors.toCollection(TreeSet::new));
            awaitExactly("NORMAL", unit, own);
            await("the replicated copies reached " + unit + " and were skipped",
                    () -> CONSUMERS.get("NORMAL@" + unit).decisions().get(ConsumeDecision.SKIP_REPLICA) == 10);
        }
    }

    @Test
    void aMessageWithoutBuyerGoesToTheCenterWhenConfiguredSo() throws Exception {
        PRODUCERS.get("unit-b").send(NO_BUYER_CENTER, "T", "nobuyer-1", new byte[]{1}, null, null);
        await("the center's listener saw it", () -> SEEN.get(NO_BUYER_CENTER + "@center").contains("nobuyer-1"));
        Thread.sleep(1000);
        assertThat(SEEN.get(NO_BUYER_CENTER + "@center")).containsOnlyOnce("nobuyer-1");
        assertThat(SEEN.get(NO_BUYER_CENTER + "@unit-b")).isEmpty();
    }

    /** Waits until a message with {@code key} is in the dead-letter topic of {@code topic} in unit-b; returns its reason property. */
    private static String awaitDeadLetter(String topic, String key) throws Exception {
        SandboxUnit b = sandbox.unit("unit-b");
        DefaultLitePullConsumer dlq = new DefaultLitePullConsumer("it-dlq-reader");
        dlq.setNamesrvAddr(b.namesrvAddr());
        dlq.setInstanceName("it-dlq-reader-" + System.nanoTime());
        dlq.setAutoCommit(false);
        dlq.start();
        try {
            var queues = dlq.fetchMessageQueues(topic + "_UNITIZE_NO_BUYER");
            dlq.assign(queues);
            for (var q : queues) {
                dlq.seek(q, 0);
            }
            Map<String, String> found = new ConcurrentHashMap<>();
            await("the message is in unit-b's dead-letter topic", () -> {
                for (MessageExt m : dlq.poll(200)) {
                    found.put(m.getKeys(), String.valueOf(m.getUserProperty(UnitConsumer.DEAD_LETTER_REASON)));
                }
                return found.containsKey(key);
            });
            return found.get(key);
        } finally {
            dlq.shutdown();
        }
    }

    @Test
    void aBuyerIdThatIsNotANumberIsDeadLetteredByItsOriginWithTheReason() throws Exception {
        org.apache.rocketmq.client.producer.DefaultMQProducer raw = new org.apache.rocketmq.client.producer.DefaultMQProducer("it-raw");
        raw.setNamesrvAddr(sandbox.unit("unit-b").namesrvAddr());
        raw.setInstanceName("it-raw-" + System.nanoTime());
        raw.start();
        try {
            org.apache.rocketmq.common.message.Message m = new org.apache.rocketmq.common.message.Message(NO_BUYER_CENTER, "T", "bad-buyer", new byte[]{3});
            m.putUserProperty(io.unitize.mq.UnitMessageProperties.BUYER_ID, "abc");
            m.putUserProperty(io.unitize.mq.UnitMessageProperties.ORIGIN_UNIT, "unit-b");
            raw.send(m);
        } finally {
            raw.shutdown();
        }
        assertThat(awaitDeadLetter(NO_BUYER_CENTER, "bad-buyer")).contains("'abc'");
        await("the center's copy left to the origin", () -> CONSUMERS.get(NO_BUYER_CENTER + "@center").decisions()
                .get(ConsumeDecision.SKIP_DEAD_LETTERED_ELSEWHERE) == 1);
        assertThat(SEEN.get(NO_BUYER_CENTER + "@center")).doesNotContain("bad-buyer");
    }

    @Test
    void aMessageWithoutBuyerGoesToTheDeadLetterTopicOfItsOriginWhenConfiguredSo() throws Exception {
        PRODUCERS.get("unit-b").send(NO_BUYER_DLQ, "T", "nobuyer-2", new byte[]{2}, null, null);
        assertThat(awaitDeadLetter(NO_BUYER_DLQ, "nobuyer-2")).contains("no UNITIZE_BUYER_ID");
        Thread.sleep(1000);
        assertThat(SEEN.get(NO_BUYER_DLQ + "@center")).as("no listener called").isEmpty();
        assertThat(SEEN.get(NO_BUYER_DLQ + "@unit-b")).isEmpty();
        awaitDecisions(NO_BUYER_DLQ + "@center", ConsumeDecision.SKIP_DEAD_LETTERED_ELSEWHERE, 1); // the center's copy is left to the origin unit
    }
}
