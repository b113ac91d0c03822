package io.unitize.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per refusal; each asserts that the message names the offending range, unit or field. */
class RulesValidationTest {

    private static InvalidRulesException refused(UnitRules.Builder b) {
        return (InvalidRulesException) org.assertj.core.api.Assertions.catchThrowable(b::build);
    }

    @Test
    void validDocumentBuilds() {
        UnitRules rules = Fixtures.twoUnits(1).build();
        assertThat(rules.routes()).hasSize(2);
        assertThat(rules.center().code()).isEqualTo("center");
    }

    @Test
    void refusesAGapInTheRoutingTable() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(java.util.List.of(SlotRoute.of(0, 1999, "center"), SlotRoute.of(3000, 9999, "unit-b")));
        assertThat(refused(b).violations()).containsExactly("routes leave slots 2000-2999 without a unit (gap)");
    }

    @Test
    void refusesAGapAtTheEnd() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(java.util.List.of(SlotRoute.of(0, 9000, "center")));
        assertThat(refused(b).violations()).containsExactly("routes leave slots 9001-9999 without a unit (gap)");
    }

    @Test
    void refusesAnOverlap() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(java.util.List.of(SlotRoute.of(0, 1999, "center"), SlotRoute.of(1500, 9999, "unit-b")));
        assertThat(refused(b).violations()).containsExactly("routes[0] 0-1999 and routes[1] 1500-9999 overlap on slots 1500-1999");
    }

    @Test
    void refusesARouteToAnUnknownUnit() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(java.util.List.of(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 9999, "unit-x")));
        assertThat(refused(b).violations()).containsExactly("routes[1] 5000-9999 names unknown unit 'unit-x' (units: center, unit-b)");
    }

    @Test
    void refusesZeroCenters() {
        UnitRules.Builder b = UnitRules.builder().version(1).author("t").unit(UnitDefinition.of("a", UnitRole.UNIT))
                .unit(UnitDefinition.of("b", UnitRole.UNIT)).route(0, 9999, "a");
        assertThat(refused(b).violations()).containsExactly("units must have exactly one CENTER, but none has role CENTER");
    }

    @Test
    void refusesTwoCenters() {
        UnitRules.Builder b = UnitRules.builder().version(1).author("t").unit(UnitDefinition.of("a", UnitRole.CENTER))
                .unit(UnitDefinition.of("b", UnitRole.CENTER)).route(0, 9999, "a");
        assertThat(refused(b).violations()).containsExactly("units must have exactly one CENTER, but 2 do: a, b");
    }

    @Test
    void refusesABadUnitCode() {
        UnitRules.Builder b = UnitRules.builder().version(1).author("t").unit(UnitDefinition.of("Unit_B", UnitRole.CENTER)).route(0, 9999, "Unit_B");
        assertThat(refused(b).violations()).containsExactly(
                "units[0].code 'Unit_B' must be 1-32 characters of ASCII a-z, 0-9 and '-', but character 1 is 'U'",
                "routes[0] 0-9999 unit 'Unit_B' must be 1-32 characters of ASCII a-z, 0-9 and '-', but character 1 is 'U'");
    }

    @Test
    void refusesANonAsciiUnitCodeShowingItEscaped() {
        UnitRules.Builder b = Fixtures.twoUnits(1).unit(UnitDefinition.of("unit-\u0441", UnitRole.UNIT)); // Cyrillic es, looks like c
        assertThat(refused(b).violations()).containsExactly(
                "units[2].code 'unit-\\u0441' must be 1-32 characters of ASCII a-z, 0-9 and '-', but character 6 is '\\u0441'");
    }

    @Test
    void refusesADuplicateUnit() {
        UnitRules.Builder b = Fixtures.twoUnits(1).unit(UnitDefinition.of("unit-b", UnitRole.UNIT));
        assertThat(refused(b).violations()).containsExactly("units[2].code 'unit-b' is declared twice");
    }

    @Test
    void refusesAFreezeOutsideTheSlotSpace() {
        UnitRules.Builder b = Fixtures.twoUnits(1).freeze(9990, 10010);
        assertThat(refused(b).violations()).containsExactly("freezes[0] 9990-10010 is outside the slot space 0-9999");
    }

    @Test
    void refusesAnInvertedFreeze() {
        UnitRules.Builder b = Fixtures.twoUnits(1).freeze(30, 20);
        assertThat(refused(b).violations()).containsExactly("freezes[0] 30-20: from must be <= to");
    }

    @Test
    void refusesARouteOutsideTheSlotSpace() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(java.util.List.of(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 10000, "unit-b")));
        assertThat(refused(b).violations()).contains("routes[1] 5000-10000 is outside the slot space 0-9999");
    }

    @Test
    void refusesANonPositiveSlotCount() {
        UnitRules.Builder b = Fixtures.twoUnits(1).transform(SlotTransform.mod(-3));
        assertThat(refused(b).violations()).containsExactly("transform.slotCount must be > 0, but was -3");
    }

    @Test
    void refusesAnUnknownTransformType() {
        UnitRules.Builder b = Fixtures.twoUnits(1).transform(new SlotTransform("HASH", 10000));
        assertThat(refused(b).violations()).containsExactly("transform.type 'HASH' is not supported (supported: MOD)");
    }

    @Test
    void refusesAHugeSlotCount() {
        UnitRules.Builder b = Fixtures.twoUnits(1).transform(SlotTransform.mod(2_000_000));
        assertThat(refused(b).violations()).containsExactly("transform.slotCount must be <= 1000000, but was 2000000");
    }

    @Test
    void refusesANonPositiveVersion() {
        assertThat(refused(Fixtures.twoUnits(0)).violations()).containsExactly("version must be > 0, but was 0");
    }

    @Test
    void refusesAMissingAuthor() {
        assertThat(refused(Fixtures.twoUnits(1).author(" ")).violations()).containsExactly("author must name who made this version, but was empty");
    }

    @Test
    void reportsEveryViolationAtOnce() {
        UnitRules.Builder b = Fixtures.twoUnits(-1).freeze(20000, 20001)
                .routes(java.util.List.of(SlotRoute.of(0, 4999, "center"), SlotRoute.of(5000, 9999, "nowhere")));
        assertThat(refused(b).violations()).hasSize(3);
        assertThatThrownBy(b::build).hasMessageStartingWith("rules document refused: version must be > 0, but was -1; ");
    }
}
