package io.unitize.controlcenter.replay;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitFactConflictException;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.UnitizeException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitNameServersTest {

    private static UnitRules rules(long version, String unitBNamesrv) {
        return UnitRules.builder().version(version).author("t")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, 0, Map.of("rocketmq", "127.0.0.1:19876")))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, 1, unitBNamesrv == null ? Map.of() : Map.of("rocketmq", unitBNamesrv)))
                .route(0, 9999, "center").build();
    }

    @Test
    void theNameServerComesFromTheLatestRulesAndFollowsAMove() {
        AtomicReference<UnitRules> latest = new AtomicReference<>(rules(1, "127.0.0.1:29876"));
        UnitNameServers names = new UnitNameServers(() -> Optional.of(latest.get()), Map.of());
        assertThat(names.of("unit-b", "replay")).isEqualTo("127.0.0.1:29876");
        latest.set(rules(2, "127.0.0.1:39876"));
        assertThat(names.of("unit-b", "replay")).isEqualTo("127.0.0.1:39876");
    }

    @Test
    void aDeprecatedLocalNameServerThatDisagreesIsRefusedNamingBoth() {
        UnitNameServers names = new UnitNameServers(() -> Optional.of(rules(1, "127.0.0.1:29876")), Map.of("unit-b", "10.0.0.1:9876"));
        assertThatThrownBy(names::checkAgreement).isInstanceOf(UnitFactConflictException.class)
                .hasMessageStartingWith("UNITIZE-RULE-062 unitize.control-center.units.unit-b.rocketmq-namesrv is '10.0.0.1:9876' but "
                        + "the rules document's units[] rocketmq endpoint of unit unit-b is '127.0.0.1:29876'");
    }

    @Test
    void theDeprecatedValueServesWhereUnitsGiveNoneAndNeitherIsRefused() {
        assertThat(new UnitNameServers(() -> Optional.of(rules(1, null)), Map.of("unit-b", "10.0.0.1:9876")).of("unit-b", "replay"))
                .isEqualTo("10.0.0.1:9876");
        assertThatThrownBy(() -> new UnitNameServers(() -> Optional.of(rules(1, null)), Map.of()).of("unit-b", "MQ_REPLY sync"))
                .isInstanceOf(UnitizeException.class).hasMessageContaining("unit unit-b has no RocketMQ name server")
                .hasMessageContaining("MQ_REPLY sync needs it");
    }
}
