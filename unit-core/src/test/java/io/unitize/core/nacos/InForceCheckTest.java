package io.unitize.core.nacos;

import io.unitize.core.Fixtures;
import io.unitize.core.UnitIndexChangedException;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import static io.unitize.core.nacos.InForceCheck.Verdict.NEWER;
import static io.unitize.core.nacos.InForceCheck.Verdict.THERE_ALREADY;
import static io.unitize.core.nacos.InForceCheck.Verdict.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stale and index checks a publication makes against a unit's document in force (no Nacos needed). */
class InForceCheckTest {

    private static final UnitRules V43 = UnitRules.fromJson(Fixtures.resource("/rules/directory.json"));

    @Test
    void nothingOlderOrInvalidThereIsWritten() {
        UnitRules v44 = V43.toBuilder().version(44).build();
        assertThat(InForceCheck.of(null, v44, v44.toJson())).isEqualTo(WRITE);
        assertThat(InForceCheck.of(V43.toJson(), v44, v44.toJson())).isEqualTo(WRITE);
        assertThat(InForceCheck.of("{not a document", v44, v44.toJson())).as("an invalid document is replaced").isEqualTo(WRITE);
    }

    @Test
    void exactlyThisVersionThereIsLeftAlone() {
        assertThat(InForceCheck.of(V43.toJson(), V43, V43.toJson())).isEqualTo(THERE_ALREADY);
    }

    @Test
    void aNewerOrEqualDifferentVersionThereIsNotOverwritten() {
        UnitRules v44 = V43.toBuilder().version(44).build();
        assertThat(InForceCheck.of(v44.toJson(), V43, V43.toJson())).isEqualTo(NEWER);
        UnitRules other43 = V43.toBuilder().reason("another publisher's").build();
        assertThat(InForceCheck.of(other43.toJson(), V43, V43.toJson())).as("same version, other content").isEqualTo(NEWER);
    }

    @Test
    void aVersionThatChangesAUnitsIndexIsRefused() {
        UnitRules v44 = V43.toBuilder().version(44).units(V43.units().stream()
                .map(u -> u.code().equals("unit-b") ? u.withIndex(5) : u).toList()).build();
        assertThatThrownBy(() -> InForceCheck.of(V43.toJson(), v44, v44.toJson()))
                .isInstanceOf(UnitIndexChangedException.class).hasMessageContaining("unit-b");
    }

    @Test
    void theVersionOfAStoredDocumentIsZeroWhenItIsInvalid() {
        assertThat(InForceCheck.versionOf(V43.toJson())).isEqualTo(43);
        assertThat(InForceCheck.versionOf("{not a document")).isZero();
    }
}
