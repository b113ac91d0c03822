package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesEditsTest {

    private static final List<SlotMove> MOVE = List.of(new SlotMove(SlotRange.of(3500, 3999), "center", "unit-b"));

    private static RulesEdits.Stamp stamp(long v) {
        return new RulesEdits.Stamp(v, Instant.parse("2026-11-22T00:00:00Z"), "alice", "r" + v);
    }

    @Test
    void freezeKeepsRoutesAndAddsTheMovingRanges() {
        UnitRules frozen = RulesEdits.freeze(PlanResolverTest.RULES, MOVE, stamp(8));
        assertThat(frozen.version()).isEqualTo(8);
        assertThat(frozen.author()).isEqualTo("alice");
        assertThat(frozen.routes()).isEqualTo(PlanResolverTest.RULES.routes());
        assertThat(frozen.freezes()).containsExactly(SlotRange.of(3500, 3999));
        assertThat(RulesEdits.freezesAny(frozen, MOVE)).isTrue();
    }

    @Test
    void switchRoutesMergesRangesAndLiftsOnlyItsOwnFreeze() {
        UnitRules frozen = RulesEdits.freeze(PlanResolverTest.RULES.toBuilder().version(7).freeze(9000, 9099).build(), MOVE, stamp(8));
        UnitRules switched = RulesEdits.switchRoutes(frozen, MOVE, stamp(9));
        assertThat(switched.routes()).containsExactly(SlotRoute.of(0, 3499, "center"), SlotRoute.of(3500, 6999, "unit-b"),
                SlotRoute.of(7000, 9999, "unit-c"));
        assertThat(switched.freezes()).containsExactly(SlotRange.of(9000, 9099));
    }

    @Test
    void liftFreezeRestoresTheRoutesInForce() {
        UnitRules frozen = RulesEdits.freeze(PlanResolverTest.RULES, MOVE, stamp(8));
        UnitRules rolledBack = RulesEdits.liftFreeze(frozen, MOVE, stamp(9));
        assertThat(rolledBack.routes()).isEqualTo(PlanResolverTest.RULES.routes());
        assertThat(rolledBack.freezes()).isEmpty();
        assertThat(RulesEdits.freezesAny(rolledBack, MOVE)).isFalse();
    }
}
