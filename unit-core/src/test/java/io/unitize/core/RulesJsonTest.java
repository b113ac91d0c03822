package io.unitize.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesJsonTest {

    @Test
    void readsTheDocumentedExample() {
        UnitRules rules = UnitRules.fromJson(Fixtures.resource("/rules/example.json"));
        assertThat(rules.version()).isEqualTo(42);
        assertThat(rules.updatedAt()).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
        assertThat(rules.author()).isEqualTo("alice");
        assertThat(rules.reason()).isEqualTo("move slots 2000-2999 to unit-b");
        assertThat(rules.units()).extracting(UnitDefinition::code).containsExactly("center", "unit-b");
        assertThat(rules.unit("unit-b").orElseThrow().endpoint("gateway")).isEqualTo("http://127.0.0.1:28080");
        assertThat(rules.center().code()).isEqualTo("center");
        assertThat(rules.transform()).isEqualTo(SlotTransform.mod(10000));
        assertThat(rules.routes()).containsExactly(SlotRoute.of(0, 1999, "unit-b"), SlotRoute.of(2000, 9999, "center"));
        assertThat(rules.freezes()).containsExactly(SlotRange.of(2000, 2999));
    }

    @Test
    void writesCanonicallyAndReadsBackTheSameDocument() {
        String example = Fixtures.resource("/rules/example.json");
        UnitRules rules = UnitRules.fromJson(example);
        assertThat(rules.toJson()).isEqualTo(example);
        assertThat(UnitRules.fromJson(rules.toJson())).isEqualTo(rules);
    }

    @Test
    void writesAnEmptyFreezeListOnOneLine() {
        String json = Fixtures.twoUnits(3).build().toJson();
        assertThat(json).contains("\"freezes\": []\n");
        assertThat(UnitRules.fromJson(json).freezes()).isEmpty();
    }

    @Test
    void ignoresUnknownFieldsSoThatFieldsCanBeAdded() {
        String json = Fixtures.resource("/rules/example.json").replace("\"author\"", "\"ticket\": \"OPS-1\", \"author\"");
        assertThat(UnitRules.fromJson(json).version()).isEqualTo(42);
    }

    @Test
    void transformDefaultsToModTenThousand() {
        String json = Fixtures.resource("/rules/example.json").replace("  \"transform\": {\"type\": \"MOD\", \"slotCount\": 10000},\n", "");
        assertThat(UnitRules.fromJson(json).transform()).isEqualTo(SlotTransform.defaults());
    }

    @Test
    void refusesMalformedJsonNamingTheLine() {
        assertThatThrownBy(() -> UnitRules.fromJson("{\n  \"version\": 1,\n  \"units\": [\n"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("rules JSON is malformed at line");
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(() -> UnitRules.fromJson("  ")).isInstanceOf(InvalidRulesException.class).hasMessageContaining("rules JSON is empty");
    }

    @Test
    void refusesAMissingField() {
        String json = Fixtures.resource("/rules/example.json").replace("\"version\": 42,", "");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("field 'version' is missing");
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        String json = Fixtures.resource("/rules/example.json").replace("\"version\": 42", "\"version\": \"abc\"");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("field 'version' must be an integer, but was \"abc\"");
    }

    @Test
    void refusesABadRole() {
        String json = Fixtures.resource("/rules/example.json").replace("\"role\": \"UNIT\"", "\"role\": \"EDGE\"");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("field 'units[1].role' of unit 'unit-b' must be CENTER or UNIT, but was 'EDGE'");
    }

    @Test
    void refusesABadTimestamp() {
        String json = Fixtures.resource("/rules/example.json").replace("2026-11-22T01:00:00Z", "yesterday");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("field 'updatedAt' must be an ISO-8601 instant");
    }

    @Test
    void validationAppliesToParsedDocuments() {
        String json = Fixtures.resource("/rules/example.json").replace("\"from\": 2000, \"to\": 9999", "\"from\": 2500, \"to\": 9999");
        assertThatThrownBy(() -> UnitRules.fromJson(json)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("routes leave slots 2000-2499 without a unit (gap)");
    }
}
