package io.unitize.core.health;

import io.unitize.core.nacos.RulesSubscriber;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;

/**
 * The application's {@code readinessState} health (what {@code /actuator/health/readiness}, the
 * Kubernetes readiness probe, reports) for a Unitize agent: REFUSING_TRAFFIC (OUT_OF_SERVICE, 503)
 * until the first rules version is applied, then Spring Boot's own readiness state. An agent without
 * rules would refuse every decision, so it must not receive traffic.
 */
public final class RulesReadinessStateHealthIndicator extends ReadinessStateHealthIndicator {

    private final RulesSubscriber subscriber;

    public RulesReadinessStateHealthIndicator(ApplicationAvailability availability, RulesSubscriber subscriber) {
        super(availability);
        this.subscriber = subscriber;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        return subscriber.appliedVersion() == 0 ? ReadinessState.REFUSING_TRAFFIC : super.getState(availability);
    }
}
