package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The reasons of the versions a cutover issues ("cutover c-…: freeze 2000-2999 - drain rack 3"),
 * always within {@link RulesLedger#MAX_REASON_LENGTH}: at most {@link #LISTED} ranges are named,
 * the rest counted, so a plan of any number of ranges can always store its freeze, switch and
 * rollback versions.
 */
final class VersionReasons {

    static final int LISTED = 8;

    private VersionReasons() {
    }

    static String of(String head, List<SlotMove> moves, boolean withUnits, String planReason) {
        String listed = moves.stream().limit(LISTED).map(m -> withUnits ? m.range() + " " + m.from() + "->" + m.to()
                : m.range().toString()).collect(Collectors.joining(", "));
        String more = moves.size() > LISTED ? " and " + (moves.size() - LISTED) + " more ranges" : "";
        String text = head + " " + listed + more + (withUnits ? ", freeze lifted" : "")
                + (planReason == null ? "" : " - " + planReason);
        return text.length() <= RulesLedger.MAX_REASON_LENGTH ? text
                : text.substring(0, RulesLedger.MAX_REASON_LENGTH - 1) + "…";
    }
}
