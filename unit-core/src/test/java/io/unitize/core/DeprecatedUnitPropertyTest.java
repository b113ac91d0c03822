package io.unitize.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeprecatedUnitPropertyTest {

    private final DeprecatedUnitProperty centerUnit = DeprecatedUnitProperty.named("unitize.db.center-unit", "units[] center");

    @Test
    void theDirectoryWinsAndALocalValueThatAgreesIsAccepted() {
        assertThat(centerUnit.resolve(null, "center")).isEqualTo("center");
        assertThat(centerUnit.resolve("center", "center")).isEqualTo("center");
    }

    @Test
    void aLocalValueIsUsedOnlyWhenTheDirectoryDoesNotHoldTheFact() {
        assertThat(centerUnit.resolve("hq", null)).isEqualTo("hq");
        assertThat(centerUnit.<String>resolve(null, null)).isNull();
    }

    @Test
    void aLocalValueThatDisagreesIsRefusedNamingBothValues() {
        assertThatThrownBy(() -> centerUnit.resolve("hq", "center"))
                .isInstanceOf(UnitFactConflictException.class)
                .hasMessage("UNITIZE-RULE-062 unitize.db.center-unit is 'hq' but the rules document's units[] center is 'center': "
                        + "the unit directory (units[]) is the one home of this fact. Next: remove unitize.db.center-unit "
                        + "(deprecated) or correct units[] in the control center");
    }
}
