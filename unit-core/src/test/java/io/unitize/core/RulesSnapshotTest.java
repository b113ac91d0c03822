package io.unitize.core;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compiled lookups agree with a naive scan of the document, on many random documents. */
class RulesSnapshotTest {

    private static final AtomicLong SEED = new AtomicLong(20261122L);

    /** A random valid document: 2-6 units, a random slot count, a random partition, random freezes. */
    static UnitRules randomRules(Random rnd) {
        int slotCount = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 20_000);
        int unitCount = 2 + rnd.nextInt(5);
        UnitRules.Builder b = UnitRules.builder().version(1 + rnd.nextInt(1000)).author("random").transform(SlotTransform.mod(slotCount));
        for (int i = 0; i < unitCount; i++) {
            b.unit(UnitDefinition.of(i == 0 ? "center" : "unit-" + i, i == 0 ? UnitRole.CENTER : UnitRole.UNIT));
        }
        List<SlotRoute> routes = new ArrayList<>();
        int from = 0;
        while (from < slotCount) {
            int to = Math.min(slotCount - 1, from + rnd.nextInt(Math.max(1, slotCount / 3)));
            int u = rnd.nextInt(unitCount);
            routes.add(SlotRoute.of(from, to, u == 0 ? "center" : "unit-" + u));
            from = to + 1;
        }
        java.util.Collections.shuffle(routes, rnd); // order in the document does not matter
        b.routes(routes);
        for (int i = rnd.nextInt(4); i > 0; i--) {
            int f = rnd.nextInt(slotCount);
            b.freeze(f, Math.min(slotCount - 1, f + rnd.nextInt(Math.max(1, slotCount / 10))));
        }
        return b.build();
    }

    static String naiveUnitOf(UnitRules rules, long buyerId) {
        int slot = (int) Math.floorMod(buyerId, (long) rules.transform().slotCount());
        for (SlotRoute r : rules.routes()) {
            if (r.range().contains(slot)) {
                return r.unit();
            }
        }
        throw new AssertionError("no route for slot " + slot);
    }

    static boolean naiveIsFrozen(UnitRules rules, long buyerId) {
        int slot = (int) Math.floorMod(buyerId, (long) rules.transform().slotCount());
        return rules.freezes().stream().anyMatch(f -> f.contains(slot));
    }

    @RepeatedTest(200)
    void compiledLookupsAgreeWithANaiveScan() {
        Random rnd = new Random(SEED.getAndIncrement());
        UnitRules rules = randomRules(rnd);
        RulesSnapshot snapshot = rules.compile();
        for (int i = 0; i < 2_000; i++) {
            long buyerId = switch (i % 4) {
                case 0 -> rnd.nextLong();
                case 1 -> -rnd.nextInt(1_000_000);
                case 2 -> rnd.nextInt(rules.transform().slotCount() * 3);
                default -> i == 3 ? Long.MIN_VALUE : Long.MAX_VALUE - i;
            };
            assertThat(snapshot.unitOf(buyerId).code()).as("unitOf(%d) in %s", buyerId, rules).isEqualTo(naiveUnitOf(rules, buyerId));
            assertThat(snapshot.isFrozen(buyerId)).as("isFrozen(%d) in %s", buyerId, rules).isEqualTo(naiveIsFrozen(rules, buyerId));
        }
    }

    @Test
    void slotIsFloorModSoNegativeBuyersLandInTheSlotSpace() {
        RulesSnapshot s = Fixtures.twoUnits(1).build().compile();
        assertThat(s.slotOf(12_345)).isEqualTo(2345);
        assertThat(s.slotOf(-1)).isEqualTo(9999);
        assertThat(s.unitOf(-1).code()).isEqualTo("unit-b");
    }

    @Test
    void checkWriteLetsAHomedUnfrozenBuyerThrough() {
        RulesSnapshot s = Fixtures.twoUnits(7).freeze(100, 199).build().compile();
        s.checkWrite(10_050, "center"); // slot 50, homed in center, not frozen
        s.checkWrite(5_050, "unit-b");
        assertThat(s.isHomedIn(10_050, "center")).isTrue();
        assertThat(s.isFrozen(10_150)).isTrue();
    }

    @Test
    void misrouteAndFreezeCarryBuyerSlotUnitAndVersion() {
        RulesSnapshot s = Fixtures.twoUnits(7).freeze(100, 199).build().compile();
        assertThatThrownBy(() -> s.checkWrite(5_001, "center"))
                .isInstanceOfSatisfying(UnitMisrouteException.class, e -> {
                    assertThat(e.buyerId()).isEqualTo(5_001);
                    assertThat(e.slot()).isEqualTo(5_001);
                    assertThat(e.homeUnit()).isEqualTo("unit-b");
                    assertThat(e.thisUnit()).isEqualTo("center");
                    assertThat(e.rulesVersion()).isEqualTo(7);
                }).hasMessage("buyer 5001 (slot 5001) is homed in unit unit-b, not in center (rules version 7); send it to unit-b");
        assertThatThrownBy(() -> s.checkWrite(20_150, "center"))
                .isInstanceOfSatisfying(UnitWriteFrozenException.class, e -> {
                    assertThat(e.slot()).isEqualTo(150);
                    assertThat(e.rulesVersion()).isEqualTo(7);
                }).hasMessageContaining("writes of buyer 20150 are frozen: slot 150");
    }

    @Test
    void aFrozenBuyerIsRefusedAsFrozenInEveryUnitNotAsMisrouted() {
        RulesSnapshot s = Fixtures.twoUnits(7).freeze(100, 199).build().compile();
        assertThatThrownBy(() -> s.checkWrite(20_150, "unit-b")).isInstanceOf(UnitWriteFrozenException.class);
    }
}
