package io.unitize.core;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesDiffTest {

    private static final AtomicLong SEED = new AtomicLong(7L);

    @Test
    void listsTheRangesThatMoveAndBetweenWhichUnits() {
        UnitRules before = Fixtures.twoUnits(1).build();
        UnitRules after = Fixtures.twoUnits(2).routes(List.of(SlotRoute.of(0, 1999, "center"), SlotRoute.of(2000, 2999, "unit-b"),
                SlotRoute.of(3000, 5999, "center"), SlotRoute.of(6000, 9999, "unit-b"))).build();
        assertThat(RulesDiff.between(before, after)).containsExactly(
                new SlotMove(SlotRange.of(2000, 2999), "center", "unit-b"),
                new SlotMove(SlotRange.of(5000, 5999), "unit-b", "center"));
    }

    @Test
    void identicalTablesMoveNothing() {
        assertThat(RulesDiff.between(Fixtures.twoUnits(1).build(), Fixtures.twoUnits(2).freeze(0, 10).build())).isEmpty();
    }

    @Test
    void refusesADifferentSlotSpace() {
        UnitRules other = Fixtures.twoUnits(2).transform(SlotTransform.mod(100)).routes(List.of(SlotRoute.of(0, 99, "center"))).build();
        assertThatThrownBy(() -> RulesDiff.between(Fixtures.twoUnits(1).build(), other))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("a diff needs the same slot space");
    }

    @RepeatedTest(100)
    void everyChangedSlotIsInExactlyOneMoveAndNoUnchangedSlotIs() {
        Random rnd = new Random(SEED.getAndIncrement());
        UnitRules a = RulesSnapshotTest.randomRules(rnd);
        UnitRules b = reassign(a, rnd);
        RulesSnapshot sa = a.compile();
        RulesSnapshot sb = b.compile();
        List<SlotMove> moves = RulesDiff.between(a, b);
        for (int s = 0; s < sa.slotCount(); s++) {
            final int slot = s;
            List<SlotMove> covering = moves.stream().filter(m -> m.range().contains(slot)).toList();
            String x = sa.unitOfSlot(s).code();
            String y = sb.unitOfSlot(s).code();
            if (x.equals(y)) {
                assertThat(covering).as("slot %d does not move", s).isEmpty();
            } else {
                assertThat(covering).as("slot %d moves %s->%s", s, x, y).containsExactly(covering.get(0));
                assertThat(covering.get(0).from()).isEqualTo(x);
                assertThat(covering.get(0).to()).isEqualTo(y);
            }
        }
        for (int i = 1; i < moves.size(); i++) { // maximal: adjacent moves differ in their units
            SlotMove p = moves.get(i - 1);
            SlotMove m = moves.get(i);
            assertThat(p.range().to() + 1 == m.range().from() && p.from().equals(m.from()) && p.to().equals(m.to())).isFalse();
        }
    }

    private static UnitRules reassign(UnitRules a, Random rnd) {
        List<SlotRoute> routes = a.routes().stream().map(r -> rnd.nextInt(3) == 0
                ? new SlotRoute(r.range(), a.units().get(rnd.nextInt(a.units().size())).code()) : r).toList();
        return a.toBuilder().version(a.version() + 1).routes(routes).build();
    }
}
