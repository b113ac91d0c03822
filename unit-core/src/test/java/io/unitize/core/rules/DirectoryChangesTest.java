package io.unitize.core.rules;

import io.unitize.core.Fixtures;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryChangesTest {

    @Test
    void isToldOnlyWhenTheUnitDirectoryChanges() throws Exception {
        List<String> told = new ArrayList<>();
        DirectoryChanges changes = new DirectoryChanges("unit-b", (before, now) ->
                told.add((before == null ? "-" : before.endpoint(UnitEndpoints.ROCKETMQ).orElseThrow()) + " -> "
                        + now.endpoint(UnitEndpoints.ROCKETMQ).orElseThrow() + " @" + now.version()));
        UnitRules v43 = UnitRules.fromJson(Fixtures.resource("/rules/directory.json"));
        UnitRules v44 = v43.toBuilder().version(44).freeze(0, 9).build();              // routes/freezes only
        UnitRules v45 = v44.toBuilder().version(45).units(v44.units().stream()
                .map(u -> u.code().equals("unit-b") ? u.withEndpoint(UnitEndpoints.ROCKETMQ, "127.0.0.1:39876") : u).toList()).build();
        changes.apply(v43.compile());
        changes.apply(v44.compile());
        changes.apply(v45.compile());
        assertThat(told).containsExactly("- -> 127.0.0.1:29876 @43", "127.0.0.1:29876 -> 127.0.0.1:39876 @45");
    }

    @Test
    void aListenerThatThrowsIsToldAgainWithTheNextVersion() throws Exception {
        List<Long> told = new ArrayList<>();
        boolean[] fail = {true};
        DirectoryChanges changes = new DirectoryChanges("unit-b", (before, now) -> {
            told.add(now.version());
            if (fail[0]) {
                throw new IllegalStateException("cannot reconnect");
            }
        });
        UnitRules v43 = UnitRules.fromJson(Fixtures.resource("/rules/directory.json"));
        try {
            changes.apply(v43.compile());
        } catch (IllegalStateException expected) {
            // the subscriber keeps the version before
        }
        fail[0] = false;
        changes.apply(v43.toBuilder().version(44).build().compile());
        assertThat(told).containsExactly(43L, 44L);
    }
}
