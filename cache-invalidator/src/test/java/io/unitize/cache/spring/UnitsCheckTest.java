package io.unitize.cache.spring;

import io.unitize.cache.InvalidatorConfigException;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsCheckTest {

    private static final String RULES = """
            {"version": 7, "updatedAt": "2026-11-22T01:00:00Z", "author": "test", "reason": "t", "units": [{"code": "center", "role": "CENTER"}, {"code": "unit-b", "role": "UNIT"}],
             "transform": {"type": "MOD", "slotCount": 100}, "routes": [{"from": 0, "to": 99, "unit": "center"}], "freezes": []}
            """;

    private static RulesSnapshot snapshot() {
        return UnitRules.fromJson(RULES).compile();
    }

    @Test
    void theRedisMapMustNameExactlyTheUnitsOfTheRules() {
        assertThatCode(() -> InvalidatorRedisResolver.checkUnits(Set.of("center", "unit-b"), snapshot().directory())).doesNotThrowAnyException();
        assertThatThrownBy(() -> InvalidatorRedisResolver.checkUnits(Set.of("center"), snapshot().directory()))
                .isInstanceOf(InvalidatorConfigException.class).hasMessageContaining("no Redis for unit 'unit-b'").hasMessageContaining("version 7");
        assertThatThrownBy(() -> InvalidatorRedisResolver.checkUnits(Set.of("center", "unit-b", "unit-x"), snapshot().directory()))
                .isInstanceOf(InvalidatorConfigException.class).hasMessageContaining("unknown unit 'unit-x'");
    }
}
