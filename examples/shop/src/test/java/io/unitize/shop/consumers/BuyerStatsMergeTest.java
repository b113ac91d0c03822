package io.unitize.shop.consumers;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill's lost increments (invariant 4): around a cutover the old home and the new home both
 * apply events of one buyer, and two-way row replication keeps one after-image per primary key.
 * Modelled here: each unit's table is a map by primary key, a unit's write changes its own copy,
 * replication copies the after-images of the rows a unit wrote into the other unit.
 */
class BuyerStatsMergeTest {

    private static final long BUYER = 16003;

    /** One unit's copy of a table: primary key -> the row's orders_placed. */
    static final class UnitTable {
        final Map<List<Object>, Long> rows = new HashMap<>();
        final Map<List<Object>, Long> writtenHere = new HashMap<>();

        /** INSERT ... ON DUPLICATE KEY UPDATE orders_placed = orders_placed + delta, in this unit. */
        void add(List<Object> key, long delta) {
            long after = rows.getOrDefault(key, 0L) + delta;
            rows.put(key, after);
            writtenHere.put(key, after);
        }

        /** Row-based replication of what this unit wrote: the other unit's row becomes this after-image. */
        void replicateTo(UnitTable other) {
            other.rows.putAll(writtenHere);
            writtenHere.clear();
        }

        long sumFor(long buyer) {
            return rows.entrySet().stream().filter(e -> e.getKey().get(0).equals(buyer)).mapToLong(Map.Entry::getValue).sum();
        }
    }

    @Test
    void one_row_per_buyer_loses_an_increment_when_both_units_apply_before_replicating() {
        UnitTable center = new UnitTable();
        UnitTable unitB = new UnitTable();
        center.add(List.of(BUYER), 1); // the old home applies an event in flight
        unitB.add(List.of(BUYER), 1); // the new home applies a replayed one, before the first replicated

        center.replicateTo(unitB);
        unitB.replicateTo(center);

        assertThat(center.sumFor(BUYER)).as("the old layout: two orders counted as one").isEqualTo(1);
        assertThat(unitB.sumFor(BUYER)).isEqualTo(1);
    }

    @Test
    void one_row_per_buyer_and_unit_keeps_every_increment_in_both_units() {
        UnitTable center = new UnitTable();
        UnitTable unitB = new UnitTable();
        center.add(List.of(BUYER, "center"), StatsDelta.of(false, false, 2).placed());
        unitB.add(List.of(BUYER, "unit-b"), StatsDelta.of(false, false, 1).placed());
        unitB.add(List.of(BUYER, "unit-b"), StatsDelta.of(false, false, 4).placed());

        center.replicateTo(unitB);
        unitB.replicateTo(center);
        center.add(List.of(BUYER, "center"), StatsDelta.of(false, true, 3).placed()); // and once more after the switch
        center.replicateTo(unitB);

        assertThat(center.sumFor(BUYER)).isEqualTo(4);
        assertThat(unitB.sumFor(BUYER)).isEqualTo(4);
    }

    @Test
    void a_cancellation_takes_back_the_items_it_added_and_counts_once() {
        assertThat(StatsDelta.of(false, false, 3)).isEqualTo(new StatsDelta(1, 3, 0));
        assertThat(StatsDelta.of(true, true, 3)).isEqualTo(new StatsDelta(0, -3, 1));
        assertThat(StatsDelta.of(false, true, 3)).as("the cancel seen first: placed and cancelled, no items")
                .isEqualTo(new StatsDelta(1, 0, 1));
    }
}
