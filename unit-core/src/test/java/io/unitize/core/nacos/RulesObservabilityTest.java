package io.unitize.core.nacos;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.core.Fixtures;
import io.unitize.core.health.NacosHealthIndicator;
import io.unitize.core.health.RulesHealthIndicator;
import io.unitize.core.health.RulesReadinessStateHealthIndicator;
import io.unitize.core.micrometer.RulesMeterBinder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules subscriber's meters and health, fed documents as Nacos would push them (no server). */
class RulesObservabilityTest {

    private RulesSubscriber subscriber;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        subscriber = RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("gateway").build();
        registry = new SimpleMeterRegistry();
        new RulesMeterBinder(subscriber).bindTo(registry);
    }

    private double gauge(String name) {
        return registry.get(name).tag("unit", "unit-b").tag("agent_kind", "gateway").gauge().value();
    }

    private double rejected(String reason) {
        return registry.get("unitize.rules.rejected").tag("reason", reason).functionCounter().count();
    }

    @Test
    void appliedAndSeenVersionsAndFrozenSlotsFollowTheDocuments() {
        assertThat(gauge("unitize.rules.applied.version")).isZero();
        assertThat(gauge("unitize.freeze.active.slots")).isZero();
        assertThat(subscriber.offer(Fixtures.twoUnits(3).freeze(5000, 5099).freeze(7000, 7009).build().toJson(), "push").inForce()).isTrue();
        assertThat(gauge("unitize.rules.applied.version")).isEqualTo(3);
        assertThat(gauge("unitize.rules.seen.version")).isEqualTo(3);
        assertThat(gauge("unitize.freeze.active.slots")).isEqualTo(110);
    }

    @Test
    void refusalsAreCountedByReasonAndASeenButUnappliedVersionShowsAsBehind() throws Exception {
        subscriber.offer(Fixtures.twoUnits(5).build().toJson(), "push");
        subscriber.offer("{\"version\": \"x\"}", "push");
        subscriber.offer(Fixtures.twoUnits(4).build().toJson(), "push");
        subscriber.addListener(s -> {
            if (s.version() == 7) {
                throw new IllegalStateException("router refused version " + s.version());
            }
        });
        subscriber.offer(Fixtures.twoUnits(7).build().toJson(), "push");
        assertThat(rejected("invalid")).isEqualTo(1);
        assertThat(rejected("stale")).isEqualTo(1);
        assertThat(rejected("listener_failed")).isEqualTo(1);
        assertThat(gauge("unitize.rules.applied.version")).isEqualTo(5);
        assertThat(gauge("unitize.rules.seen.version")).isEqualTo(7);

        Health h = new RulesHealthIndicator(subscriber).health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("appliedVersion", 5L).containsEntry("seenVersion", 7L).containsEntry("versionsBehind", 2L);
        assertThat((String) h.getDetails().get("lastRejection")).contains("failed to apply version 7");
    }

    @Test
    void rulesHealthAndReadinessAreOutOfServiceUntilTheFirstVersionIsApplied() {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC));
        RulesReadinessStateHealthIndicator readiness = new RulesReadinessStateHealthIndicator(availability, subscriber);
        RulesHealthIndicator rules = new RulesHealthIndicator(subscriber);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(rules.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat((String) rules.health().getDetails().get("reason")).contains("no rules version applied yet");

        subscriber.offer("not json", "push");
        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        subscriber.offer(Fixtures.twoUnits(1).build().toJson(), "push");
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(rules.health().getStatus()).isEqualTo(Status.UP);

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), ReadinessState.REFUSING_TRAFFIC));
        assertThat(readiness.health().getStatus()).as("Spring Boot's own state still counts").isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void nacosHealthIsDownWhileTheSubscriberHasNoConnection() {
        Health h = new NacosHealthIndicator(subscriber).health();
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) h.getDetails().get("reason")).contains("unit unit-b's Nacos");
    }
}
