package io.unitize.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitDirectoryTest {

    private static UnitRules directoryDoc() {
        return UnitRules.fromJson(Fixtures.resource("/rules/directory.json"));
    }

    @Test
    void readsIndexesAndNamedEndpointsAndWritesThemBackCanonically() {
        String json = Fixtures.resource("/rules/directory.json");
        UnitRules rules = UnitRules.fromJson(json);
        UnitDefinition b = rules.unit("unit-b").orElseThrow();
        assertThat(b.index()).isEqualTo(1);
        assertThat(b.endpoint(UnitEndpoints.ROCKETMQ)).isEqualTo("127.0.0.1:29876");
        assertThat(b.endpoint(UnitEndpoints.redis("order-cache"))).isEqualTo("redis://127.0.0.1:26379");
        assertThat(b.endpoint(UnitEndpoints.ID_SERVICE)).isEqualTo("http://127.0.0.1:28090");
        assertThat(b.endpoints()).doesNotContainKeys("code", "role", "index");
        assertThat(UnitRules.fromJson(rules.toJson())).isEqualTo(rules);
        assertThat(rules.toJson()).contains("{\"code\": \"unit-b\", \"role\": \"UNIT\", \"index\": 1, \"gateway\": ");
    }

    @Test
    void aDocumentWithoutTheNewFieldsStillReadsAndWritesWithoutThem() {
        String old = Fixtures.resource("/rules/example.json");
        UnitRules rules = UnitRules.fromJson(old);
        UnitDirectory d = rules.compile().directory();
        assertThat(d.center().code()).isEqualTo("center");
        assertThat(d.indexOf("unit-b")).isEmpty();
        assertThat(d.endpoint("unit-b", UnitEndpoints.GATEWAY)).contains("http://127.0.0.1:28080");
        assertThat(rules.toJson()).isEqualTo(old).doesNotContain("\"index\"");
    }

    @Test
    void theDirectoryAnswersFromOneUnit() {
        UnitDirectory.Local here = directoryDoc().compile().directory().seenFrom("unit-b");
        assertThat(here.code()).isEqualTo("unit-b");
        assertThat(here.index()).hasValue(1);
        assertThat(here.isCenter()).isFalse();
        assertThat(here.center().code()).isEqualTo("center");
        assertThat(here.peers()).extracting(UnitDefinition::code).containsExactly("center");
        assertThat(here.endpoint(UnitEndpoints.ROCKETMQ)).contains("127.0.0.1:29876");
        assertThat(here.endpoint("center", UnitEndpoints.ROCKETMQ)).contains("127.0.0.1:19876");
        assertThat(here.endpoint("nowhere", UnitEndpoints.ROCKETMQ)).isEmpty();
        assertThat(here.all().seenFrom("unit-b")).isSameAs(here); // compiled once, then a field read
    }

    @Test
    void aUnitThatUnitsDoesNotDeclareIsRefusedNamingTheUnitsThereAre() {
        UnitDirectory.Local here = directoryDoc().compile().directory().seenFrom("unit-x");
        assertThatThrownBy(here::self).isInstanceOf(UnknownUnitException.class)
                .hasMessage("UNITIZE-RULE-060 unit 'unit-x' is not in units[] of rules version 43 (units: center, unit-b). "
                        + "Next: check unitize.unit, or add the unit to the rules document");
        assertThat(here.index()).isEmpty();
    }

    @Test
    void refusesTwoUnitsWithOneIndex() {
        String json = Fixtures.resource("/rules/directory.json").replace("\"index\": 1", "\"index\": 0");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("units[1].index 0 of unit 'unit-b' is already the index of unit 'center'; each unit has its own index");
    }

    @Test
    void refusesAnIndexGivenToSomeUnitsOnly() {
        String json = Fixtures.resource("/rules/directory.json").replace("\"index\": 1, ", "");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("units: an index is given to 1 of 2 units; give every unit its index (or none)");
    }

    @Test
    void refusesAnIndexOutOfRangeOrNotAnInteger() {
        String json = Fixtures.resource("/rules/directory.json");
        assertThatThrownBy(() -> UnitRules.fromJson(json.replace("\"index\": 1", "\"index\": 4096")))
                .hasMessageContaining("field 'units[1].index' of unit 'unit-b' must be in 0..1023, but was 4096");
        assertThatThrownBy(() -> UnitRules.fromJson(json.replace("\"index\": 1", "\"index\": \"1\"")))
                .hasMessageContaining("field 'units[1].index' must be an integer, but was \"1\"");
        assertThatThrownBy(() -> UnitRules.builder().version(1).author("a")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, -1, Map.of())).route(0, 9999, "center").build())
                .hasMessageContaining("units[0].index of unit 'center' must be in 0..1023, but was -1");
    }

    @Test
    void refusesBadEndpointNamesEmptyAddressesAndPasswordsInAddresses() {
        String json = Fixtures.resource("/rules/directory.json");
        assertThatThrownBy(() -> UnitRules.fromJson(json.replace("\"rocketmq\": \"127.0.0.1:29876\"", "\"rocketmq\": \" \"")))
                .hasMessageContaining("endpoint units[1].rocketmq of unit 'unit-b' is empty");
        assertThatThrownBy(() -> UnitRules.fromJson(json.replace("\"redis.order-cache\": \"redis://127.0.0.1:26379\"",
                        "\"redis.order-cache\": \"redis://app:s3cret@127.0.0.1:26379\"")))
                .hasMessageContaining("endpoint units[1].redis.order-cache of unit 'unit-b' carries a password in its address");
        assertThatThrownBy(() -> UnitRules.fromJson(json.replace("\"rocketmq\": \"127.0.0.1:29876\"", "\"Rocket MQ\": \"x:1\"")))
                .hasMessageContaining("endpoint name units[1].Rocket MQ of unit 'unit-b' must be 1-64 characters");
    }

    @Test
    void aNewVersionThatChangesAUnitsIndexIsRefusedNamingTheUnitAndBothIndexes() {
        UnitRules v43 = directoryDoc();
        UnitRules v44 = v43.toBuilder().version(44).units(v43.units().stream()
                .map(u -> u.code().equals("unit-b") ? u.withIndex(2) : u).toList()).build();
        assertThatThrownBy(() -> v43.compile().directory().requireIndexesKeptBy(v44.compile().directory()))
                .isInstanceOfSatisfying(UnitIndexChangedException.class, e -> {
                    assertThat(e.unit()).isEqualTo("unit-b");
                    assertThat(e.oldIndex()).isEqualTo(1);
                    assertThat(e.newIndex()).isEqualTo(2);
                })
                .hasMessage("UNITIZE-RULE-061 rules version 44 refused: it changes the index of unit 'unit-b' from 1 to 2 given in "
                        + "version 43; a unit's index never changes. Next: keep \"index\": 1 for unit 'unit-b'");
    }

    @Test
    void dropsOfAnIndexAreRefusedAndNewUnitsAndEndpointChangesAreNot() {
        UnitRules v43 = directoryDoc();
        UnitRules dropped = v43.toBuilder().version(44).units(v43.units().stream()
                .map(u -> new UnitDefinition(u.code(), u.role(), null, u.endpoints())).toList()).build();
        assertThatThrownBy(() -> v43.compile().directory().requireIndexesKeptBy(dropped.compile().directory()))
                .hasMessageContaining("drops the index of unit 'center' (index 0)");
        UnitRules moved = v43.toBuilder().version(44).units(v43.units().stream()
                .map(u -> u.withEndpoint(UnitEndpoints.ROCKETMQ, "127.0.0.1:39876")).toList()).build();
        v43.compile().directory().requireIndexesKeptBy(moved.compile().directory());
        UnitRules before = UnitRules.fromJson(Fixtures.resource("/rules/example.json"));
        before.compile().directory().requireIndexesKeptBy(v43.compile().directory()); // indexes given for the first time
    }
}
