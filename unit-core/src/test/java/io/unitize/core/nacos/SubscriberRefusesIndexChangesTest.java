package io.unitize.core.nacos;

import io.unitize.core.Fixtures;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's subscriber refuses a version that changes a unit's index before any listener sees it (no Nacos needed). */
class SubscriberRefusesIndexChangesTest {

    @Test
    void aVersionThatChangesAnIndexIsRefusedAndTheDirectoryInForceStays() throws Exception {
        List<Long> seen = new ArrayList<>();
        List<String> directoryChanges = new ArrayList<>();
        RulesSubscriber subscriber = RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("test")
                .listener(s -> seen.add(s.version())).build();
        subscriber.addDirectoryListener((before, now) -> directoryChanges.add(now.endpoint(UnitEndpoints.ROCKETMQ).orElseThrow()));
        UnitRules v43 = UnitRules.fromJson(Fixtures.resource("/rules/directory.json"));
        assertThat(subscriber.offer(v43.toJson(), "test").inForce()).isTrue();

        UnitRules v44 = v43.toBuilder().version(44).units(v43.units().stream()
                .map(u -> u.code().equals("unit-b") ? u.withIndex(5).withEndpoint(UnitEndpoints.ROCKETMQ, "127.0.0.1:39876") : u)
                .toList()).build();
        assertThat(subscriber.offer(v44.toJson(), "test").inForce()).isFalse();
        assertThat(subscriber.appliedVersion()).isEqualTo(43);
        assertThat(subscriber.metrics().lastRejection()).contains("UNITIZE-RULE-061")
                .contains("changes the index of unit 'unit-b' from 1 to 5");
        assertThat(seen).containsExactly(43L);
        assertThat(directoryChanges).containsExactly("127.0.0.1:29876");

        UnitRules moved = v43.toBuilder().version(44).units(v43.units().stream()
                .map(u -> u.code().equals("unit-b") ? u.withEndpoint(UnitEndpoints.ROCKETMQ, "127.0.0.1:39876") : u).toList()).build();
        assertThat(subscriber.offer(moved.toJson(), "test").inForce()).isTrue();
        UnitDirectory.Local here = subscriber.directory();
        assertThat(here.index()).hasValue(1);
        assertThat(here.endpoint(UnitEndpoints.ROCKETMQ)).contains("127.0.0.1:39876");
        assertThat(directoryChanges).containsExactly("127.0.0.1:29876", "127.0.0.1:39876");
    }
}
