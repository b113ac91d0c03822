package io.unitize.id.spring;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitFactConflictException;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.UnknownUnitException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitIndexResolverTest {

    private static Optional<UnitDirectory> directory(Integer centerIndex, Integer unitBIndex) {
        UnitRules rules = UnitRules.builder().version(1).author("t")
                .unit(new UnitDefinition("center", UnitRole.CENTER, centerIndex, Map.of()))
                .unit(new UnitDefinition("unit-b", UnitRole.UNIT, unitBIndex, Map.of()))
                .route(0, 9999, "center").build();
        return Optional.of(rules.compile().directory());
    }

    @Test
    void theIndexComesFromTheUnitDirectory() {
        assertThat(UnitIndexResolver.resolve("unit-b", null, directory(0, 2), 4)).isEqualTo(2);
        assertThat(UnitIndexResolver.resolve("unit-b", 2, directory(0, 2), 4)).isEqualTo(2); // deprecated, agrees
    }

    @Test
    void aDeprecatedLocalIndexThatDisagreesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> UnitIndexResolver.resolve("unit-b", 3, directory(0, 2), 4))
                .isInstanceOf(UnitFactConflictException.class)
                .hasMessageStartingWith("UNITIZE-RULE-062 unitize.id.unit-index is '3' but the rules document's units[] index of "
                        + "unit unit-b is '2'");
    }

    @Test
    void theDeprecatedPropertyServesWhereTheDirectoryHasNoIndexes() {
        assertThat(UnitIndexResolver.resolve("unit-b", 5, directory(null, null), 4)).isEqualTo(5);
        assertThat(UnitIndexResolver.resolve("unit-b", 5, Optional.empty(), 4)).isEqualTo(5);
        assertThatThrownBy(() -> UnitIndexResolver.resolve("unit-b", null, directory(null, null), 4))
                .hasMessageStartingWith("UNITIZE-ID-040 unit unit-b has no index: give it \"index\" in the rules document's units[]");
    }

    @Test
    void anIndexBeyondTheUnitBitsOrAnUndeclaredUnitIsRefused() {
        assertThatThrownBy(() -> UnitIndexResolver.resolve("unit-b", null, directory(0, 17), 4))
                .hasMessageStartingWith("UNITIZE-ID-044 unit unit-b has index 17, which does not fit unitize.id.unit-bits=4");
        assertThatThrownBy(() -> UnitIndexResolver.resolve("unit-x", null, directory(0, 2), 4))
                .isInstanceOf(UnknownUnitException.class);
    }
}
