package io.unitize.core;

import io.unitize.core.spring.UnitizeConfigFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

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

    @Test
    void aConflictIsAConfigErrorThatSpringBootPrintsWithBothValuesAndTheAction() {
        Throwable startup = new IllegalStateException("bean creation", catchConflict(() -> centerUnit.resolve("hq", "center")));
        FailureAnalysis a = new UnitizeConfigFailureAnalyzer().analyze(startup);
        assertThat(a).isNotNull();
        assertThat(a.getDescription()).startsWith("UNITIZE-RULE-062 unitize.db.center-unit is 'hq' but the rules document's "
                + "units[] center is 'center'");
        assertThat(a.getAction()).startsWith("Remove unitize.db.center-unit from this application's configuration")
                .contains("units[] center 'center'").contains("docs/MIGRATION.md");
    }

    @Test
    void aPropertyRepeatingAnotherPropertyIsComparedWithIt() {
        DeprecatedUnitProperty idUnit = DeprecatedUnitProperty.repeating("unitize.id.unit", "unitize.unit");
        assertThat(idUnit.resolve(null, "unit-b")).isEqualTo("unit-b");
        assertThat(idUnit.resolve("unit-b", "unit-b")).isEqualTo("unit-b");
        assertThat(idUnit.resolve("unit-b", null)).isEqualTo("unit-b");
        assertThatThrownBy(() -> idUnit.resolve("unit-c", "unit-b")).isInstanceOf(UnitFactConflictException.class)
                .isInstanceOf(UnitizeConfigException.class)
                .hasMessage("UNITIZE-RULE-062 unitize.id.unit is 'unit-c' but unitize.unit is 'unit-b': a process runs in one "
                        + "unit, named once. Next: remove unitize.id.unit (deprecated)");
    }

    private static UnitFactConflictException catchConflict(Runnable r) {
        try {
            r.run();
        } catch (UnitFactConflictException e) {
            return e;
        }
        throw new AssertionError("no conflict");
    }
}
