package io.unitize.rpc;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitRouteDeciderTest {

    /** center 0-4999, unit-b 5000-8999, unit-c 9000-9999. */
    private static final RulesSnapshot RULES = UnitRules.builder().version(7).updatedAt(Instant.parse("2026-11-22T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
            .unit(UnitDefinition.of("unit-c", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 8999, "unit-b").route(9000, 9999, "unit-c").build().compile();

    private final UnitRouteDecider fromB = new UnitRouteDecider("unit-b");

    private static ServiceProviders providers(RouteType type, String... units) {
        return new ServiceProviders(type, Set.of(units));
    }

    @Test
    void unitCallsGoToTheBuyersHomeUnit() {
        ServiceProviders all = providers(RouteType.UNIT, "center", "unit-b", "unit-c");
        assertThat(fromB.targetUnit("Orders", "place", 42L, RULES, all)).isEqualTo("center");
        assertThat(fromB.targetUnit("Orders", "place", 15_001L, RULES, all)).isEqualTo("unit-b");
        assertThat(fromB.targetUnit("Orders", "place", 9_500, RULES, all)).isEqualTo("unit-c");
        assertThat(fromB.targetUnit("Orders", "place", "9500", RULES, all)).as("a generic call's number as text").isEqualTo("unit-c");
    }

    @Test
    void aUnitCallWhoseHomeUnitHasNoProviderIsRefusedNamingEverything() {
        assertThatThrownBy(() -> fromB.targetUnit("Orders", "place", 9_500L, RULES, providers(RouteType.UNIT, "center", "unit-b")))
                .isInstanceOf(NoUnitProviderException.class)
                .hasMessageContaining("no provider of Orders (UNIT) in unit unit-c for buyer 9500 (slot 9500), rules version 7")
                .satisfies(e -> {
                    NoUnitProviderException n = (NoUnitProviderException) e;
                    assertThat(n.slot()).isEqualTo(9500);
                    assertThat(n.rulesVersion()).isEqualTo(7);
                });
    }

    @Test
    void aUnitCallWithoutANumericBuyerIsRefused() {
        ServiceProviders all = providers(RouteType.UNIT, "center", "unit-b");
        assertThatThrownBy(() -> fromB.targetUnit("Orders", "place", null, RULES, all)).isInstanceOf(BuyerIdMissingException.class)
                .hasMessageContaining("Orders.place needs the buyerId as its first argument, but got none");
        assertThatThrownBy(() -> fromB.targetUnit("Orders", "place", "abc", RULES, all)).isInstanceOf(BuyerIdMissingException.class)
                .hasMessageContaining("String abc");
    }

    @Test
    void centerCallsGoToTheCenterOnly() {
        assertThat(fromB.targetUnit("Catalog", "get", null, RULES, providers(RouteType.CENTER, "center", "unit-b"))).isEqualTo("center");
        assertThatThrownBy(() -> fromB.targetUnit("Catalog", "get", null, RULES, providers(RouteType.CENTER, "unit-b")))
                .isInstanceOf(NoUnitProviderException.class).hasMessageContaining("in unit center");
    }

    @Test
    void defaultCallsStayLocalThenFallBackToTheCenterThenFail() {
        assertThat(fromB.targetUnit("Profile", "get", null, RULES, providers(RouteType.DEFAULT, "center", "unit-b"))).isEqualTo("unit-b");
        assertThat(fromB.targetUnit("Profile", "get", null, RULES, providers(RouteType.DEFAULT, "center", "unit-c"))).isEqualTo("center");
        assertThatThrownBy(() -> fromB.targetUnit("Profile", "get", null, RULES, providers(RouteType.DEFAULT, "unit-c")))
                .isInstanceOf(NoUnitProviderException.class).hasMessageContaining("nor in the center center");
    }

    @Test
    void providerUnitsMergeWhatEachRegistrySees() {
        ProviderUnits units = new ProviderUnits();
        Object registryA = new Object();
        Object registryB = new Object();
        units.update("Orders", registryA, providers(RouteType.UNIT, "center"));
        units.update("Orders", registryB, providers(RouteType.UNIT, "unit-b"));
        assertThat(units.of("Orders")).isEqualTo(providers(RouteType.UNIT, "center", "unit-b"));
        units.update("Orders", registryB, providers(null));
        assertThat(units.of("Orders")).isEqualTo(providers(RouteType.UNIT, "center"));
        units.remove("Orders", registryA);
        assertThat(units.of("Orders")).isNull();
        assertThat(units.of("Unknown")).isNull();
    }
}
