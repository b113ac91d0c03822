package io.unitize.drill;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 2 after a unit was lost (the second full drill: 7 rows "written by server 2, owner then
 * unit-b" — unit-b's own rows, written before its loss, flagged because the checker read only the
 * center and so knew no unit of server id 2).
 */
class OwnerWritesCheckTest {

    private static final UnitEndpoint CENTER = new UnitEndpoint("center", "jdbc:mariadb://127.0.0.1:1/shop", "u", "p", 1, "redis://127.0.0.1:2");
    private static final UnitEndpoint UNIT_B = new UnitEndpoint("unit-b", "jdbc:mariadb://127.0.0.1:3/shop", "u", "p", 2, "redis://127.0.0.1:4");
    private static final Instant V1 = Instant.parse("2026-12-02T12:10:00Z");
    /** The failover's SWITCH: slots 5000-9999 move from unit-b (lost) to the center. */
    private static final Instant FAILOVER = Instant.parse("2026-12-02T12:16:40Z");
    private static final RulesTimeline TIMELINE = new RulesTimeline(List.of(
            new RulesTimeline.Entry(51, V1, "EDIT", null, RulesTimelineTest.rules(51, 4999).compile()),
            new RulesTimeline.Entry(53, FAILOVER, "SWITCH", "failover", allInTheCenter(53).compile())));
    /** Read in the center only (unit-b is gone), knowing both units' server ids. */
    private static final ShopDatabases AFTER_THE_LOSS = new ShopDatabases(List.of(CENTER), List.of(CENTER, UNIT_B));

    /** Every slot in the center, unit-b still a unit of the document (what FAILOVER_UNIT leaves). */
    private static UnitRules allInTheCenter(long v) {
        return UnitRules.builder().version(v).author("test").reason("failover").unit(UnitDefinition.of("center", UnitRole.CENTER))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT)).route(0, 9999, "center").build();
    }

    private static OrderRow row(long buyer, long server, Instant at) {
        return new OrderRow(124_503_272_455_631_872L, buyer, server, at, 0, null);
    }

    @Test
    void a_row_the_lost_unit_wrote_while_it_owned_the_buyer_holds() {
        Instant beforeTheLoss = Instant.parse("2026-12-02T12:16:17.267Z");

        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 2, beforeTheLoss), "written", 2, beforeTheLoss)).isNull();
        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 2, beforeTheLoss), "updated", 2,
                Instant.parse("2026-12-02T12:16:19.059Z"))).isNull();
    }

    @Test
    void the_check_that_read_only_the_center_flagged_the_lost_units_rows() {
        Instant beforeTheLoss = Instant.parse("2026-12-02T12:16:17.267Z");
        ShopDatabases centerOnly = new ShopDatabases(List.of(CENTER));

        assertThat(OwnerWritesCheck.violation(centerOnly, TIMELINE, row(46_004, 2, beforeTheLoss), "written", 2, beforeTheLoss))
                .contains("written by server 2 (no known unit)").contains("owner then unit-b (version 51)");
    }

    @Test
    void a_write_by_the_center_before_the_failover_moved_the_buyer_is_still_a_violation() {
        Instant beforeTheSwitch = FAILOVER.minusMillis(1);

        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 1, beforeTheSwitch), "written", 1, beforeTheSwitch))
                .isEqualTo("order 124503272455631872 of buyer 46004 written by center at " + beforeTheSwitch + ", owner then unit-b (version 51)");
        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 1, FAILOVER), "written", 1, FAILOVER)).isNull();
    }

    @Test
    void a_write_by_the_lost_unit_after_the_failover_and_one_by_an_unknown_server_are_violations() {
        Instant after = FAILOVER.plusSeconds(1);

        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 2, after), "updated", 2, after))
                .contains("updated by unit-b").contains("owner then center (version 53)");
        assertThat(OwnerWritesCheck.violation(AFTER_THE_LOSS, TIMELINE, row(46_004, 9, after), "written", 9, after))
                .contains("written by server 9 (no known unit)");
    }
}
