package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotRoute;

import java.util.List;

/**
 * What an operator asks for. Which fields matter depends on {@link #type()}; {@link PlanResolver}
 * checks them and names the field that is wrong.
 *
 * @param from           MOVE_SLOTS: first slot (inclusive)
 * @param to             MOVE_SLOTS: last slot (inclusive)
 * @param toUnit         MOVE_SLOTS and FAILOVER_UNIT: the unit that receives the slots
 * @param unit           FAILOVER_UNIT: the lost unit
 * @param routes         TARGET_ROUTES: the complete routing table wanted
 * @param acceptDataLoss FAILOVER_UNIT: skip the lost unit's acknowledgements and the sync
 *                       confirmation, accepting the writes replication had not carried yet
 * @param syncMode       how the data is confirmed in the target unit; null = the configured default
 */
public record CutoverPlan(PlanType type, Integer from, Integer to, String toUnit, String unit, List<SlotRoute> routes,
                          boolean acceptDataLoss, String reason, SyncMode syncMode) {

    /**
     * The longest reason a plan may give: it is stored with each version the cutover issues, after
     * the engine's own summary, within {@link RulesLedger#MAX_REASON_LENGTH}.
     */
    public static final int MAX_REASON_LENGTH = 500;

    public static CutoverPlan moveSlots(int from, int to, String toUnit, String reason) {
        return new CutoverPlan(PlanType.MOVE_SLOTS, from, to, toUnit, null, null, false, reason, null);
    }

    public static CutoverPlan targetRoutes(List<SlotRoute> routes, String reason) {
        return new CutoverPlan(PlanType.TARGET_ROUTES, null, null, null, null, routes, false, reason, null);
    }

    public static CutoverPlan failover(String lostUnit, String toUnit, boolean acceptDataLoss, String reason) {
        return new CutoverPlan(PlanType.FAILOVER_UNIT, null, null, toUnit, lostUnit, null, acceptDataLoss, reason, null);
    }

    public CutoverPlan withSyncMode(SyncMode mode) {
        return new CutoverPlan(type, from, to, toUnit, unit, routes, acceptDataLoss, reason, mode);
    }
}
