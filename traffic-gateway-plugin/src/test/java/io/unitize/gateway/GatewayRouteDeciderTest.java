package io.unitize.gateway;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.unitize.gateway.GatewayDecision.Outcome.FORWARD;
import static io.unitize.gateway.GatewayDecision.Outcome.LOCAL;
import static io.unitize.gateway.GatewayDecision.Outcome.NO_BUYER_CENTER;
import static io.unitize.gateway.GatewayDecision.Outcome.NO_BUYER_LOCAL;
import static io.unitize.gateway.GatewayDecision.Outcome.REFUSED_FROZEN;
import static io.unitize.gateway.GatewayDecision.Outcome.REFUSED_NO_GATEWAY;
import static io.unitize.gateway.GatewayDecision.Outcome.REFUSED_SKEW;
import static org.assertj.core.api.Assertions.assertThat;

class GatewayRouteDeciderTest {

    /** version 5: center 0-4999 (gateway gw-c), unit-b 5000-8999 (gw-b), unit-c 9000-9999 (no gateway); 100-199 frozen. */
    private static final RulesSnapshot RULES = UnitRules.builder().version(5).updatedAt(Instant.parse("2026-11-22T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://gw-c")))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://gw-b")))
            .unit(UnitDefinition.of("unit-c", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 8999, "unit-b").route(9000, 9999, "unit-c").freeze(100, 199).build().compile();

    private final GatewayRouteDecider atB = new GatewayRouteDecider("unit-b", NoBuyerPolicy.LOCAL, true);

    @Test
    void homedHereIsLocalHomedElsewhereIsForwardedToItsGateway() {
        GatewayDecision local = atB.decide(15_001L, true, null, -1, RULES);
        assertThat(local.outcome()).isEqualTo(LOCAL);
        assertThat(local.gateway()).isEqualTo("http://gw-b");
        GatewayDecision fwd = atB.decide(42L, false, null, -1, RULES);
        assertThat(fwd.outcome()).isEqualTo(FORWARD);
        assertThat(fwd.unit()).isEqualTo("center");
        assertThat(fwd.gateway()).isEqualTo("http://gw-c");
        assertThat(fwd.slot()).isEqualTo(42);
        assertThat(fwd.rulesVersion()).isEqualTo(5);
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgainTheNewerRulesDecide() {
        assertThat(atB.decide(5_001L, false, "center", 5, RULES).outcome()).as("forwarded and homed here").isEqualTo(LOCAL);
        GatewayDecision skew = atB.decide(42L, false, "center", 5, RULES);
        assertThat(skew.outcome()).as("same version, homed elsewhere").isEqualTo(REFUSED_SKEW);
        assertThat(skew.reason()).contains("homed in center under rules version 5").contains("not forwarded twice");
        assertThat(atB.decide(42L, false, "center", 4, RULES).outcome()).as("the sender's rules are older").isEqualTo(REFUSED_SKEW);
        assertThat(skew.reason()).as("the client may try the home's gateway").contains("or at center");
        GatewayDecision newer = atB.decide(42L, false, "center", 6, RULES);
        assertThat(newer.outcome()).as("the sender's rules are newer: served here").isEqualTo(LOCAL);
        assertThat(newer.unit()).isEqualTo("unit-b");
        assertThat(newer.gateway()).as("home unit and home gateway agree: here and this gateway").isEqualTo("http://gw-b");
    }

    @Test
    void writesOfFrozenBuyersAreRefusedAtTheEdgeReadsAreNot() {
        GatewayDecision frozen = atB.decide(150L, true, null, -1, RULES);
        assertThat(frozen.outcome()).isEqualTo(REFUSED_FROZEN);
        assertThat(frozen.reason()).contains("buyer 150 (slot 150)").contains("writes are frozen");
        assertThat(atB.decide(150L, false, null, -1, RULES).outcome()).isEqualTo(FORWARD);
        assertThat(new GatewayRouteDecider("unit-b", NoBuyerPolicy.LOCAL, false).decide(150L, true, null, -1, RULES).outcome())
                .as("edge protection off").isEqualTo(FORWARD);
    }

    @Test
    void noBuyerFollowsThePolicy() {
        assertThat(atB.decide(null, true, null, -1, RULES).outcome()).isEqualTo(NO_BUYER_LOCAL);
        GatewayRouteDecider toCenter = new GatewayRouteDecider("unit-b", NoBuyerPolicy.CENTER, true);
        GatewayDecision d = toCenter.decide(null, true, null, -1, RULES);
        assertThat(d.outcome()).isEqualTo(NO_BUYER_CENTER);
        assertThat(d.gateway()).isEqualTo("http://gw-c");
        assertThat(toCenter.decide(null, true, "unit-c", 5, RULES).outcome()).as("already forwarded").isEqualTo(NO_BUYER_LOCAL);
        assertThat(new GatewayRouteDecider("center", NoBuyerPolicy.CENTER, true).decide(null, true, null, -1, RULES).outcome())
                .isEqualTo(NO_BUYER_LOCAL);
    }

    @Test
    void aHomeUnitWithoutGatewayIsRefusedNamingIt() {
        GatewayDecision d = atB.decide(9_500L, false, null, -1, RULES);
        assertThat(d.outcome()).isEqualTo(REFUSED_NO_GATEWAY);
        assertThat(d.reason()).contains("no gateway address for unit unit-c in rules version 5");
    }
}
