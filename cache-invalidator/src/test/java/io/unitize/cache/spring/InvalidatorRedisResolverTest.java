package io.unitize.cache.spring;

import io.unitize.cache.InvalidatorConfigException;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitFactConflictException;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidatorRedisResolverTest {

    private static RulesSnapshot rules(String centerExtra, String unitBExtra) {
        return UnitRules.fromJson("""
                {"version": 7, "updatedAt": "2026-11-22T01:00:00Z", "author": "test", "units": [
                  {"code": "center", "role": "CENTER"%s}, {"code": "unit-b", "role": "UNIT"%s}],
                 "routes": [{"from": 0, "to": 9999, "unit": "center"}]}
                """.formatted(centerExtra, unitBExtra)).compile();
    }

    @Test
    void everyUnitsRedisComesFromTheUnitDirectory() {
        RulesSnapshot s = rules(", \"redis.cache\": \"redis://127.0.0.1:16379\"", ", \"redis.cache\": \"redis://127.0.0.1:26379\"");
        assertThat(InvalidatorRedisResolver.resolve(Map.of(), "cache", s.directory()))
                .containsExactly(Map.entry("center", "redis://127.0.0.1:16379"), Map.entry("unit-b", "redis://127.0.0.1:26379"));
    }

    @Test
    void theDeprecatedMapMustAgreeWithTheDirectory() {
        RulesSnapshot s = rules(", \"redis.cache\": \"redis://127.0.0.1:16379\"", ", \"redis.cache\": \"redis://127.0.0.1:26379\"");
        assertThatThrownBy(() -> InvalidatorRedisResolver.resolve(Map.of("unit-b", "redis://127.0.0.1:36379"), "cache", s.directory()))
                .isInstanceOf(UnitFactConflictException.class)
                .hasMessageStartingWith("UNITIZE-RULE-062 unitize.cache.invalidator.redis.unit-b is 'redis://127.0.0.1:36379' but the "
                        + "rules document's units[] endpoint redis.cache of unit unit-b is 'redis://127.0.0.1:26379'");
    }

    @Test
    void aUnitWithoutTheEndpointIsRefused() {
        RulesSnapshot s = rules(", \"redis.cache\": \"redis://127.0.0.1:16379\"", "");
        assertThatThrownBy(() -> InvalidatorRedisResolver.resolve(Map.of(), "cache", s.directory()))
                .isInstanceOf(InvalidatorConfigException.class).hasMessageContaining("no Redis for unit 'unit-b'");
    }

    @Test
    void theDeprecatedMapServesWhereTheDirectoryHasNoRedisEndpoints() {
        Map<String, String> local = Map.of("center", "redis://a:1", "unit-b", "redis://b:1");
        assertThat(InvalidatorRedisResolver.resolve(local, "cache", rules("", "").directory())).isEqualTo(local);
        assertThatThrownBy(() -> InvalidatorRedisResolver.resolve(Map.of("center", "redis://a:1"), "cache", rules("", "").directory()))
                .hasMessageContaining("no Redis for unit 'unit-b'");
    }
}
