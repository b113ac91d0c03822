package io.unitize.mq.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The replicators' meters, tagged {@code from} and {@code to}: {@code unitize.mq.replication.lag}
 * (timer with a histogram: produce in the source unit -> accepted by the target broker),
 * {@code unitize.mq.replication.copied} and {@code unitize.mq.replication.failures}. They follow a
 * replicator that a rules version replaced (a peer's name server moved): the new one records into the
 * same timer and the counters keep counting from where the old one stopped.
 */
final class ReplicatorMeters implements MeterBinder {

    private final Replicators replicators;

    ReplicatorMeters(Replicators replicators) {
        this.replicators = replicators;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        replicators.eachStarted(r -> {
            Timer lag = Timer.builder("unitize.mq.replication.lag").tags("from", r.sourceUnit(), "to", r.targetUnit())
                    .description("produce in the source unit -> accepted by the target broker").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
            r.lag().onRecord(ms -> lag.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
            String peer = r.targetUnit();
            FunctionCounter.builder("unitize.mq.replication.copied", replicators, x -> x.copied(peer))
                    .tags("from", r.sourceUnit(), "to", peer).description("messages copied to the peer unit's broker").register(registry);
            FunctionCounter.builder("unitize.mq.replication.failures", replicators, x -> x.failures(peer))
                    .tags("from", r.sourceUnit(), "to", peer).description("copies to the peer unit's broker that failed").register(registry);
        });
    }
}
