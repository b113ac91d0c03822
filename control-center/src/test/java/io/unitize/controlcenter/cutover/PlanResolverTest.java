package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanResolverTest {

    static final UnitRules RULES = UnitRules.builder().version(7).author("t").reason("r")
            .unit(UnitDefinition.of("center", UnitRole.CENTER)).unit(UnitDefinition.of("unit-b", UnitRole.UNIT))
            .unit(UnitDefinition.of("unit-c", UnitRole.UNIT))
            .route(0, 3999, "center").route(4000, 6999, "unit-b").route(7000, 9999, "unit-c").build();

    private final PlanResolver resolver = new PlanResolver(SyncMode.MARKER);

    @Test
    void moveSlotsSpanningTwoUnitsMovesEachPartFromItsOwner() {
        ResolvedPlan r = resolver.resolve(RULES, CutoverPlan.moveSlots(3500, 7499, "unit-b", "why"));
        assertThat(r.moves()).containsExactly(new SlotMove(SlotRange.of(3500, 3999), "center", "unit-b"),
                new SlotMove(SlotRange.of(7000, 7499), "unit-c", "unit-b"));
        assertThat(r.baseVersion()).isEqualTo(7);
        assertThat(r.skippedUnits()).isEmpty();
        assertThat(r.syncMode()).isEqualTo(SyncMode.MARKER);
    }

    @Test
    void targetRoutesMovesEveryChangedRange() {
        ResolvedPlan r = resolver.resolve(RULES, CutoverPlan.targetRoutes(List.of(SlotRoute.of(0, 4999, "center"),
                SlotRoute.of(5000, 9999, "unit-c")), "why"));
        assertThat(r.moves()).containsExactly(new SlotMove(SlotRange.of(4000, 4999), "unit-b", "center"),
                new SlotMove(SlotRange.of(5000, 6999), "unit-b", "unit-c"));
    }

    @Test
    void failoverWithAcceptedLossSkipsTheLostUnitOnly() {
        ResolvedPlan r = resolver.resolve(RULES, CutoverPlan.failover("unit-c", "center", true, "unit-c lost"));
        assertThat(r.moves()).containsExactly(new SlotMove(SlotRange.of(7000, 9999), "unit-c", "center"));
        assertThat(r.skippedUnits()).containsExactly("unit-c");
        ResolvedPlan confirmed = resolver.resolve(RULES, CutoverPlan.failover("unit-c", "center", false, "unit-c lost"));
        assertThat(confirmed.skippedUnits()).as("without accepting loss nothing is skipped").isEqualTo(Set.of());
    }

    @Test
    void aPlanThatMovesNothingIsRefused() {
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.moveSlots(0, 99, "center", "why")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("moves nothing")
                .satisfies(e -> assertThat(((InvalidPlanException) e).errors()).extracting(FieldError::field).containsExactly("to"));
    }

    @Test
    void everyWrongFieldIsNamed() {
        InvalidPlanException e = (InvalidPlanException) org.assertj.core.api.Assertions.catchThrowable(() -> resolver.resolve(RULES,
                new CutoverPlan(PlanType.MOVE_SLOTS, 10, 20_000, "unit-x", null, null, false, " ", null)));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("reason", "to", "toUnit");
        assertThat(e.errors().get(1).message()).isEqualTo("must be within 0..9999, but was 20000");
        assertThat(e.errors().get(2).message()).contains("unknown unit 'unit-x'").contains("[center, unit-b, unit-c]");
    }

    @Test
    void fromAfterToIsRefused() {
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.moveSlots(50, 10, "unit-b", "why")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("to: must be >= from (50), but was 10");
    }

    @Test
    void aTargetTableWithAGapIsRefusedWithTheRuleViolated() {
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.targetRoutes(List.of(SlotRoute.of(0, 4999, "center"),
                SlotRoute.of(5001, 9999, "unit-b")), "why")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("routes:").hasMessageContaining("5000");
    }

    @Test
    void slotsUnderAFreezeAreRefused() {
        UnitRules frozen = RULES.toBuilder().version(8).freeze(3000, 3999).build();
        ResolvedPlan r = resolver.resolve(frozen, CutoverPlan.moveSlots(3900, 4100, "unit-c", "why"));
        assertThatThrownBy(() -> PlanResolver.requireUnfrozen(frozen, r.moves()))
                .isInstanceOf(CutoverConflictException.class).hasMessageContaining("overlap the freeze 3000-3999");
    }

    @Test
    void failoverToItselfIsRefused() {
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.failover("unit-b", "unit-b", true, "why")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("toUnit: must differ from the lost unit");
    }

    @Test
    void aReasonLongerThanTheStoreKeepsIsRefusedNamingTheLimit() {
        String longest = "r".repeat(CutoverPlan.MAX_REASON_LENGTH);
        assertThat(resolver.resolve(RULES, CutoverPlan.moveSlots(0, 99, "unit-b", longest)).moves()).hasSize(1);
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.moveSlots(0, 99, "unit-b", longest + "r")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("reason"))
                .hasMessageContaining("reason: must be at most 500 characters").hasMessageContaining("but has 501");
    }

    @Test
    void aTableOfMoreRangesThanSlotsIsRefusedAndManyErrorsAreCounted() {
        List<SlotRoute> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add(SlotRoute.of(0, 0, "center"));
        }
        assertThatThrownBy(() -> resolver.resolve(RULES, CutoverPlan.targetRoutes(tooMany, "why")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("routes: must have at most 10000 ranges")
                .hasMessageContaining("but has 10001");
        List<SlotRoute> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            unknown.add(SlotRoute.of(i, i, "unit-x"));
        }
        InvalidPlanException e = (InvalidPlanException) org.assertj.core.api.Assertions.catchThrowable(
                () -> resolver.resolve(RULES, CutoverPlan.targetRoutes(unknown, "why")));
        assertThat(e.errors()).hasSize(InvalidPlanException.MAX_ERRORS + 1);
        assertThat(e.errors().get(InvalidPlanException.MAX_ERRORS).message()).isEqualTo("and 9980 more errors");
    }
}
