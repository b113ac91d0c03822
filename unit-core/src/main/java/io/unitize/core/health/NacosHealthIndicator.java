package io.unitize.core.health;

import io.unitize.core.nacos.RulesSubscriber;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health {@code unitizeNacos}: whether the rules subscriber's Nacos client is connected to the
 * unit's Nacos. DOWN means pushes do not arrive: the rules in force stay, but a cutover cannot
 * proceed past this agent. Not part of the readiness group (the agent still serves on the rules it has).
 */
public final class NacosHealthIndicator extends AbstractHealthIndicator {

    private final RulesSubscriber subscriber;

    public NacosHealthIndicator(RulesSubscriber subscriber) {
        super("UNITIZE-RULE-071 the Nacos health check failed");
        this.subscriber = subscriber;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("unit", subscriber.unit());
        if (subscriber.nacosConnected()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "not connected to unit " + subscriber.unit()
                    + "'s Nacos: rules pushes do not arrive (the version in force stays); check that Nacos runs and is reachable");
        }
    }
}
