package io.unitize.mq.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.sandbox.SandboxUnit;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers shared by the MQ integration tests. */
final class MqFixture {

    private MqFixture() {
    }

    /** Creates a topic (4 queues) in a unit's broker and waits until the name server routes it. */
    static void createTopic(SandboxUnit unit, String topic) {
        unit.createTopic(topic, 4);
    }

    /** How many messages a unit's broker holds for a topic. */
    static long messagesIn(SandboxUnit unit, String topic) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(unit.namesrvAddr());
        admin.setInstanceName("mq-it-stats-" + unit.code() + "-" + System.nanoTime());
        admin.start();
        try {
            return admin.examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(o -> o.getMaxOffset() - o.getMinOffset()).sum();
        } finally {
            admin.shutdown();
        }
    }

    /** center owns slots 0-4999, unit-b 5000-9999 (MOD 10000: buyer 5001 is unit-b's). */
    static UnitRules.Builder rules(long version) {
        return UnitRules.builder().version(version).updatedAt(Instant.parse("2026-11-22T01:00:00Z")).author("mq-it").reason("test")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(60), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(25);
        }
    }
}
