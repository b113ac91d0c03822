package io.unitize.mq.health;

import io.unitize.mq.rocketmq.MessageReplicator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Health {@code unitizeReplication}: per replicator ({@code from->to}) the last replication lag, the
 * p99 of the recent window, copies and failures; DOWN when a replicator's last lag is over
 * {@code maxLag} (messages reach the other unit too late for a cutover's replay).
 */
public final class ReplicationHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<List<MessageReplicator>> replicators;
    private final Duration maxLag;

    public ReplicationHealthIndicator(List<MessageReplicator> replicators, Duration maxLag) {
        this(() -> replicators, maxLag);
    }

    /** Reads the replicators running at each check (a rules version may have moved a peer and replaced its replicator). */
    public ReplicationHealthIndicator(Supplier<List<MessageReplicator>> replicators, Duration maxLag) {
        super("UNITIZE-MQ-060 the replication health check failed");
        this.replicators = replicators;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean behind = false;
        for (MessageReplicator r : replicators.get()) {
            long last = r.lag().last();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lastLagMillis", last);
            d.put("p99LagMillis", r.lag().percentile(99));
            d.put("copied", r.copied());
            d.put("failures", r.failures());
            if (last > maxLag.toMillis()) {
                behind = true;
                d.put("reason", "the last copy arrived " + last + " ms after it was produced (more than " + maxLag.toMillis()
                        + " ms): check the target unit's broker and the UNITIZE-MQ-042 log lines");
            }
            builder.withDetail(r.sourceUnit() + "->" + r.targetUnit(), d);
        }
        if (behind) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
