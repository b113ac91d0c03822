package io.unitize.sandbox;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.time.Duration;

/** Topic administration on a unit's broker for tests (rocketmq-tools is an optional dependency of the sandbox). */
final class RocketMqAdmin {

    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);
    /** One admin request: the client's default (3 s) is too short on a loaded 2-core machine (the broker answers late). */
    private static final long REQUEST_TIMEOUT_MS = 15_000;

    private RocketMqAdmin() {
    }

    static void createTopic(SandboxUnit unit, String topic, int queues) {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(REQUEST_TIMEOUT_MS);
        admin.setNamesrvAddr(unit.namesrvAddr());
        admin.setInstanceName("sandbox-admin-" + unit.code() + "-" + System.nanoTime());
        try {
            admin.start();
            long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
            create(admin, unit, new TopicConfig(topic, queues, queues, 6), deadline);
            while (true) {
                try {
                    if (admin.examineTopicRouteInfo(topic) != null) {
                        return;
                    }
                } catch (Exception notYet) {
                    // the name server learns the topic from the broker's next registration
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("UNITIZE-SANDBOX-021 topic " + topic + " is not routed by " + unit.code()
                            + "'s name server after " + ROUTE_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("UNITIZE-SANDBOX-021 cannot create topic " + topic + " in " + unit.code() + ": " + e, e);
        } finally {
            admin.shutdown();
        }
    }

    /** Creates (or updates: idempotent) the topic, trying again after a request timeout until {@code deadline}. */
    private static void create(DefaultMQAdminExt admin, SandboxUnit unit, TopicConfig config, long deadline) throws Exception {
        while (true) {
            try {
                admin.createAndUpdateTopicConfig(unit.brokerAddr(), config);
                return;
            } catch (org.apache.rocketmq.remoting.exception.RemotingTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
