package io.unitize.jobs;

import io.unitize.core.SlotRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedSlotsTest {

    @Test
    void splitsOwnedRangesIntoUnfrozenAndFrozen() {
        OwnedSlots b = OwnedSlots.of(Rules.frozen(1), "unit-b");
        assertThat(b.unfrozen()).containsExactly(SlotRange.of(5000, 6999), SlotRange.of(8000, 9999));
        assertThat(b.frozen()).containsExactly(SlotRange.of(7000, 7999));
        OwnedSlots c = OwnedSlots.of(Rules.moved(2), "center");
        assertThat(c.unfrozen()).containsExactly(SlotRange.of(0, 4999), SlotRange.of(7000, 7999));
        assertThat(c.frozen()).isEmpty();
        assertThat(OwnedSlots.of(Rules.moved(2), "unit-x").unfrozen()).isEmpty();
    }

    @Test
    void aFreezeAtTheEdgesOfARange() {
        var rules = Rules.base(1).route(0, 4999, "center").route(5000, 9999, "unit-b").freeze(4990, 5009).freeze(9990, 9999).build().compile();
        OwnedSlots b = OwnedSlots.of(rules, "unit-b");
        assertThat(b.unfrozen()).containsExactly(SlotRange.of(5010, 9989));
        assertThat(b.frozen()).containsExactly(SlotRange.of(5000, 5009), SlotRange.of(9990, 9999));
        assertThat(OwnedSlots.of(rules, "center").frozen()).containsExactly(SlotRange.of(4990, 4999));
    }
}
