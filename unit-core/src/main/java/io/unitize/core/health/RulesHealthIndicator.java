package io.unitize.core.health;

import io.unitize.core.nacos.RulesSubscriber;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health {@code unitizeRules}: OUT_OF_SERVICE until a first rules version is in force (so that the
 * readiness group keeps the agent out of traffic: it would refuse every decision), then UP with the
 * applied version, the newest version seen and how far behind the applied one is.
 */
public final class RulesHealthIndicator extends AbstractHealthIndicator {

    private final RulesSubscriber subscriber;

    public RulesHealthIndicator(RulesSubscriber subscriber) {
        super("UNITIZE-RULE-070 the rules health check failed");
        this.subscriber = subscriber;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long applied = subscriber.appliedVersion();
        long seen = Math.max(applied, subscriber.metrics().seenVersion());
        builder.withDetail("unit", subscriber.unit()).withDetail("agentKind", subscriber.agentKind())
                .withDetail("appliedVersion", applied).withDetail("seenVersion", seen).withDetail("versionsBehind", seen - applied);
        String last = subscriber.metrics().lastRejection();
        if (last != null) {
            builder.withDetail("lastRejection", last);
        }
        if (applied == 0) {
            builder.outOfService().withDetail("reason", "no rules version applied yet: publish rules from the control center "
                    + "(or check this unit's Nacos); every decision is refused until then");
        } else {
            builder.up();
        }
    }
}
