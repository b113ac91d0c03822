package io.unitize.core.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.SlotRange;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.rules.RulesMetrics;

import java.util.function.ToDoubleFunction;

/**
 * The rules subscriber's meters, tagged {@code unit} and {@code agent_kind}:
 * {@code unitize.rules.applied.version} (version in force, 0 before any),
 * {@code unitize.rules.seen.version} (newest well-formed version read),
 * {@code unitize.rules.rejected} (counter, tag {@code reason}: {@code invalid}, {@code stale},
 * {@code listener_failed}) and {@code unitize.freeze.active.slots} (slots frozen in the rules in force).
 * Reads the subscriber's own counters; the subscriber knows nothing of Micrometer.
 */
public final class RulesMeterBinder implements MeterBinder {

    private final RulesSubscriber subscriber;

    public RulesMeterBinder(RulesSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("unit", subscriber.unit(), "agent_kind", subscriber.agentKind());
        RulesMetrics m = subscriber.metrics();
        Gauge.builder("unitize.rules.applied.version", subscriber, RulesSubscriber::appliedVersion).tags(tags)
                .description("rules version in force in this agent (0 before any)").register(registry);
        Gauge.builder("unitize.rules.seen.version", m, RulesMetrics::seenVersion).tags(tags)
                .description("newest rules version read from Nacos or the snapshot file, applied or not").register(registry);
        rejected(registry, tags, "invalid", RulesMetrics::rejectedInvalidCount, "documents refused as malformed or invalid");
        rejected(registry, tags, "stale", RulesMetrics::rejectedStaleCount, "documents refused as not newer than the version in force");
        rejected(registry, tags, "listener_failed", RulesMetrics::listenerFailureCount, "documents a listener failed to put in force");
        Gauge.builder("unitize.freeze.active.slots", subscriber, RulesMeterBinder::frozenSlots).tags(tags)
                .description("slots frozen in the rules in force").register(registry);
    }

    private void rejected(MeterRegistry registry, Tags tags, String reason, ToDoubleFunction<RulesMetrics> count, String what) {
        FunctionCounter.builder("unitize.rules.rejected", subscriber.metrics(), count).tags(tags).tag("reason", reason)
                .description(what).register(registry);
    }

    static double frozenSlots(RulesSubscriber subscriber) {
        RulesSnapshot s;
        try {
            s = subscriber.snapshot();
        } catch (RulesUnavailableException none) {
            return 0;
        }
        long n = 0;
        for (SlotRange f : s.rules().freezes()) {
            n += f.to() - f.from() + 1L;
        }
        return n;
    }
}
