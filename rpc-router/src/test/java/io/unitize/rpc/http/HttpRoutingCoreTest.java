package io.unitize.rpc.http;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.NoUnitProviderException;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.RouteType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The framework-free HTTP cores: consumer decision over instances by unit, provider guard, buyer key parsing. */
class HttpRoutingCoreTest {

    /** center 0-4999, unit-b 5000-9999; slots 100-199 frozen. */
    private static final RulesSnapshot RULES = UnitRules.builder().version(7).updatedAt(Instant.parse("2026-11-22T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 9999, "unit-b").freeze(new SlotRange(100, 199)).build().compile();

    private record Inst(String name, String unit) {
    }

    private final RouteCounters counters = new RouteCounters();
    private final HttpCallRouter fromB = new HttpCallRouter("unit-b", () -> RULES, counters);
    private static final HttpRoute ORDERS = new HttpRoute("orders", RouteType.UNIT, BuyerKeySource.header(null), "test");

    /** c1 in center's Nacos; b1 in unit-b's; x1 in unit-b's Nacos but saying it is a center instance (metadata wins). */
    private static UnitInstances<Inst> both() {
        return UnitInstances.merge(Map.of("center", List.of(new Inst("c1", null)),
                "unit-b", List.of(new Inst("b1", "unit-b"), new Inst("x1", "center"))), Inst::unit);
    }

    @Test
    void aUnitCallGetsTheHomeUnitsInstancesOnly() {
        assertThat(fromB.instancesFor(ORDERS, 7L, "GET /o", both())).extracting(Inst::name).containsExactlyInAnyOrder("c1", "x1");
        assertThat(fromB.instancesFor(ORDERS, 5007L, "GET /o", both())).extracting(Inst::name).containsExactly("b1");
        assertThat(counters.decisions(RouteType.UNIT, true)).isEqualTo(1);
        assertThat(counters.decisions(RouteType.UNIT, false)).isEqualTo(1);
    }

    @Test
    void centerAndDefaultAsForDubbo() {
        HttpRoute catalog = new HttpRoute("catalog", RouteType.CENTER, BuyerKeySource.header(null), "test");
        HttpRoute profile = new HttpRoute("profile", RouteType.DEFAULT, BuyerKeySource.header(null), "test");
        assertThat(fromB.instancesFor(catalog, null, "GET /c", both())).extracting(Inst::name).containsExactlyInAnyOrder("c1", "x1");
        assertThat(fromB.instancesFor(profile, null, "GET /p", both())).extracting(Inst::name).containsExactly("b1");
        UnitInstances<Inst> centerOnly = UnitInstances.merge(Map.of("center", List.of(new Inst("c1", "center"))), Inst::unit);
        assertThat(fromB.instancesFor(profile, null, "GET /p", centerOnly)).extracting(Inst::name).containsExactly("c1");
    }

    @Test
    void refusalsAreTypedAndCounted() {
        UnitInstances<Inst> centerOnly = UnitInstances.merge(Map.of("center", List.of(new Inst("c1", "center"))), Inst::unit);
        assertThatThrownBy(() -> fromB.instancesFor(ORDERS, 5007L, "GET /o", centerOnly)).isInstanceOf(NoUnitProviderException.class)
                .hasMessageContaining("UNITIZE-RPC-010").hasMessageContaining("orders").hasMessageContaining("unit-b")
                .hasMessageContaining("buyer 5007 (slot 5007)");
        assertThatThrownBy(() -> fromB.instancesFor(ORDERS, null, "GET /o", both())).isInstanceOf(BuyerIdMissingException.class)
                .hasMessageContaining("header X-Buyer-Id");
        HttpCallRouter noRules = new HttpCallRouter("unit-b", () -> {
            throw new RulesUnavailableException("no rules yet");
        }, counters);
        assertThatThrownBy(() -> noRules.instancesFor(ORDERS, 1L, "GET /o", both())).isInstanceOf(RulesUnavailableException.class);
        assertThat(counters.refusals(RouteCounters.Refusal.NO_PROVIDER)).isEqualTo(1);
        assertThat(counters.refusals(RouteCounters.Refusal.BUYER_ID_MISSING)).isEqualTo(1);
        assertThat(counters.refusals(RouteCounters.Refusal.NO_RULES)).isEqualTo(1);
    }

    @Test
    void theProviderGuardRefusesMisroutedCallsAndFrozenWritesOnly() {
        HttpUnitGuard inB = new HttpUnitGuard("unit-b", () -> RULES, counters);
        assertThat(inB.check("GET", "/o/5007", 5007L, "header X-Buyer-Id")).isNull();
        UnitProblem misrouted = inB.check("GET", "/o/7", 7L, "header X-Buyer-Id");
        assertThat(misrouted.status()).isEqualTo(421);
        assertThat(misrouted.body()).containsEntry("type", UnitProblem.TYPE_MISROUTED).containsEntry("code", "UNITIZE-RPC-031")
                .containsEntry("buyerId", 7L).containsEntry("slot", 7).containsEntry("homeUnit", "center")
                .containsEntry("thisUnit", "unit-b").containsEntry("rulesVersion", 7L).containsEntry("instance", "/o/7");
        assertThat(misrouted.json()).contains("\"homeUnit\":\"center\"");
        HttpUnitGuard inCenter = new HttpUnitGuard("center", () -> RULES, counters);
        assertThat(inCenter.check("GET", "/o/150", 150L, "h")).as("a frozen buyer's read").isNull();
        UnitProblem frozen = inCenter.check("POST", "/o/150", 150L, "h");
        assertThat(frozen.status()).isEqualTo(503);
        assertThat(frozen.retryAfterSeconds()).isEqualTo(1);
        assertThat(frozen.body()).containsEntry("type", UnitProblem.TYPE_FROZEN).containsEntry("slot", 150).containsEntry("homeUnit", "center");
        assertThat(inCenter.check("DELETE", "/o/150", 150L, "h").status()).isEqualTo(503);
        assertThat(inCenter.check("GET", "/o", null, "header X-Buyer-Id").body()).containsEntry("code", "UNITIZE-RPC-033")
                .containsEntry("buyerFrom", "header X-Buyer-Id");
        assertThat(counters.refusals(RouteCounters.Refusal.MISROUTED)).isEqualTo(1);
        assertThat(counters.refusals(RouteCounters.Refusal.FROZEN)).isEqualTo(2);
    }

    @Test
    void theBuyerIsADecimalLongFromTheHeaderElseThePath() {
        BuyerKeySource key = new BuyerKeySource("X-B", "/o/{buyerId}/**", null);
        assertThat(key.read("s", "c", " 42 ", p -> Map.of("buyerId", "7"))).isEqualTo(42L);
        assertThat(key.read("s", "c", null, p -> Map.of("buyerId", "7"))).isEqualTo(7L);
        assertThat(key.read("s", "c", null, p -> null)).isNull();
        for (String bad : List.of("", "4 2", "0x10", "1e3", "99999999999999999999", "12; drop")) {
            assertThatThrownBy(() -> key.read("s", "c", bad, p -> null)).as(bad).isInstanceOf(BuyerIdMissingException.class);
        }
        assertThatThrownBy(() -> new BuyerKeySource(null, "/o/{id}", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{buyerId}");
    }
}
