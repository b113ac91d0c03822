package io.unitize.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidationPlannerTest {

    private static final long A_SERVER = 11;
    private static final long B_SERVER = 22;

    private static InvalidationPlanner plannerOfA() {
        return new InvalidationPlanner("unit-a", A_SERVER, List.of("unit-a", "unit-b"), List.of(
                new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}"), KeyTemplate.parse("orders-of:{buyer_id}")),
                        Scope.ALL_UNITS, null),
                new InvalidationRule("cart", List.of(KeyTemplate.parse("cart:{buyer_id}")), Scope.LOCAL, Duration.ofMillis(500))));
    }

    private static Map<String, String> row(Object... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] == null ? null : String.valueOf(kv[i + 1]));
        }
        return m;
    }

    @Test
    void anUpdateWrittenHereInvalidatesOldAndNewKeysInEveryUnit() {
        InvalidationPlan plan = plannerOfA().plan(List.of(
                new RowChange("orders", row("id", 7, "buyer_id", 5001), row("id", 7, "buyer_id", 5002), A_SERVER, 1_000)));
        Set<String> expected = Set.of("order:5001:7", "orders-of:5001", "order:5002:7", "orders-of:5002");
        assertThat(plan.now()).containsOnlyKeys("unit-a", "unit-b");
        assertThat(plan.now().get("unit-a")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(plan.now().get("unit-b")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(plan.oldestCommit()).isEqualTo(1_000);
    }

    @Test
    void aReplicatedChangeOfAnAllUnitsTableIsLeftToItsOriginButLocalTablesAreAlwaysHandled() {
        InvalidationPlan plan = plannerOfA().plan(List.of(
                new RowChange("orders", Map.of(), row("id", 8, "buyer_id", 5003), B_SERVER, 2_000),
                new RowChange("cart", row("buyer_id", 5003, "sku", "x"), Map.of(), B_SERVER, 2_000)));
        assertThat(plan.now()).containsOnlyKeys("unit-a");
        assertThat(plan.now().get("unit-a")).containsExactly("cart:5003");
        assertThat(plan.later()).containsOnlyKeys(Duration.ofMillis(500));
        assertThat(plan.later().get(Duration.ofMillis(500)).get("unit-a")).containsExactly("cart:5003");
    }

    @Test
    void nullColumnsAndOtherTablesRenderNoKey() {
        InvalidationPlan plan = plannerOfA().plan(List.of(
                new RowChange("orders", Map.of(), row("id", 9, "buyer_id", null), A_SERVER, 3_000),
                new RowChange("audit", Map.of(), row("id", 1), A_SERVER, 3_000)));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.changes()).isEqualTo(2);
    }

    @Test
    void badConfigurationIsRefusedNamingIt() {
        assertThatThrownBy(() -> KeyTemplate.parse("order:{buyer_id")).isInstanceOf(InvalidatorConfigException.class)
                .hasMessageContaining("'{' at 6 is not closed");
        assertThatThrownBy(() -> KeyTemplate.parse("order:all")).hasMessageContaining("names no column");
        assertThatThrownBy(() -> KeyTemplate.parse("order:{buyer_id}:{idd}").checkColumns("orders", Set.of("id", "buyer_id")))
                .hasMessageContaining("key template 'order:{buyer_id}:{idd}' of table orders: unknown column 'idd'");
        assertThatThrownBy(() -> new InvalidationPlanner("unit-x", 1, List.of("unit-a"), List.of()))
                .hasMessageContaining("unit unit-x is not among the units [unit-a]");
        assertThatThrownBy(() -> new InvalidationRule("orders", List.of(), Scope.LOCAL, null)).hasMessageContaining("at least one key template");
    }

    @Test
    void aUnitAddedByARulesVersionGetsTheNextBatchAndTheOwnUnitCannotBeDropped() {
        InvalidationPlanner planner = plannerOfA();
        planner.units(List.of("unit-a", "unit-b", "unit-c"));
        InvalidationPlan plan = planner.plan(List.of(new RowChange("orders", Map.of(), row("id", 1, "buyer_id", 2), A_SERVER, 1)));
        assertThat(plan.now()).containsOnlyKeys("unit-a", "unit-b", "unit-c");
        assertThatThrownBy(() -> planner.units(List.of("unit-b"))).isInstanceOf(InvalidatorConfigException.class).hasMessageContaining("unit-a");
        assertThat(planner.units()).as("nothing changed").containsExactly("unit-a", "unit-b", "unit-c");
    }
}
