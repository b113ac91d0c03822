package io.unitize.controlcenter.web;

import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.FieldError;
import io.unitize.controlcenter.cutover.InvalidPlanException;
import io.unitize.controlcenter.cutover.PlanType;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.SlotRoute;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cutover plan as JSON, read strictly: an unknown field, a fraction or a string for an integer,
 * a string for a boolean is refused naming the field ({@link ApiRequestConfiguration}). Examples:
 * <pre>
 * {"type":"MOVE_SLOTS","from":2000,"to":2999,"toUnit":"unit-b","reason":"drain center rack 3"}
 * {"type":"TARGET_ROUTES","routes":[{"from":0,"to":4999,"unit":"center"},{"from":5000,"to":9999,"unit":"unit-b"}],"reason":"…"}
 * {"type":"FAILOVER_UNIT","unit":"unit-b","toUnit":"center","acceptDataLoss":true,"reason":"unit-b datacenter lost"}
 * </pre>
 */
@Schema(description = "What should move. MOVE_SLOTS: from, to, toUnit. TARGET_ROUTES: routes. FAILOVER_UNIT: unit, toUnit, acceptDataLoss.")
public record PlanRequest(
        @Schema(allowableValues = {"MOVE_SLOTS", "TARGET_ROUTES", "FAILOVER_UNIT"}) String type,
        Integer from, Integer to, String toUnit, String unit, List<RouteRequest> routes, Boolean acceptDataLoss,
        @Schema(description = "Why; recorded in the rules history and the audit") String reason,
        @Schema(allowableValues = {"MARKER", "GTID", "MQ_REPLY"}, description = "How data arrival is confirmed; default from configuration") String syncMode) {

    public record RouteRequest(Integer from, Integer to, String unit) {
    }

    CutoverPlan toPlan() {
        List<FieldError> errors = new ArrayList<>();
        PlanType t = null;
        if (type == null || type.isBlank()) {
            errors.add(new FieldError("type", "is required: one of " + Arrays.toString(PlanType.values())));
        } else {
            try {
                t = PlanType.valueOf(type);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "must be one of " + Arrays.toString(PlanType.values()) + ", but was '" + Problems.shown(type) + "'"));
            }
        }
        SyncMode mode = null;
        if (syncMode != null) {
            try {
                mode = SyncMode.valueOf(syncMode);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("syncMode", "must be one of " + Arrays.toString(SyncMode.values()) + ", but was '" + Problems.shown(syncMode) + "'"));
            }
        }
        List<SlotRoute> table = null;
        if (routes != null) {
            table = new ArrayList<>();
            for (int i = 0; i < routes.size(); i++) {
                RouteRequest r = routes.get(i);
                if (r == null || r.from() == null || r.to() == null || r.unit() == null) {
                    errors.add(new FieldError("routes[" + i + "]", "needs from, to and unit, but was "
                            + Problems.shown(String.valueOf(r))));
                } else {
                    table.add(SlotRoute.of(r.from(), r.to(), r.unit()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        return new CutoverPlan(t, from, to, toUnit, unit, table, Boolean.TRUE.equals(acceptDataLoss), reason, mode);
    }
}
