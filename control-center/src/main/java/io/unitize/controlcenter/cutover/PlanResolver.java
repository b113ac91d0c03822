package io.unitize.controlcenter.cutover;

import io.unitize.core.InvalidRulesException;
import io.unitize.core.RulesDiff;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a plan against the rules in force and computes what moves. Refuses, naming the field, a
 * plan that is malformed, names an unknown unit, moves nothing, (frozen slots: {@link #requireUnfrozen}).
 */
public final class PlanResolver {

    private final SyncMode defaultSyncMode;

    public PlanResolver(SyncMode defaultSyncMode) {
        this.defaultSyncMode = defaultSyncMode;
    }

    public ResolvedPlan resolve(UnitRules current, CutoverPlan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.type() == null) {
            throw new InvalidPlanException("type", "is required: one of MOVE_SLOTS, TARGET_ROUTES, FAILOVER_UNIT");
        }
        if (plan.reason() == null || plan.reason().isBlank()) {
            errors.add(new FieldError("reason", "is required: say why the slots move (it goes into the audit history)"));
        } else if (plan.reason().length() > CutoverPlan.MAX_REASON_LENGTH) {
            errors.add(new FieldError("reason", "must be at most " + CutoverPlan.MAX_REASON_LENGTH
                    + " characters (it is stored with every version the cutover issues), but has " + plan.reason().length()));
        }
        List<SlotRoute> target = switch (plan.type()) {
            case MOVE_SLOTS -> moveSlots(current, plan, errors);
            case TARGET_ROUTES -> targetRoutes(current, plan, errors);
            case FAILOVER_UNIT -> failover(current, plan, errors);
        };
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        List<SlotMove> moves;
        try {
            UnitRules wanted = current.toBuilder().version(current.version() + 1).routes(target).build();
            moves = RulesDiff.between(current, wanted);
        } catch (InvalidRulesException e) {
            throw new InvalidPlanException(e.violations().stream().map(v -> new FieldError("routes", v)).toList());
        }
        if (moves.isEmpty()) {
            throw new InvalidPlanException(plan.type() == PlanType.FAILOVER_UNIT ? "unit" : plan.type() == PlanType.MOVE_SLOTS ? "to" : "routes",
                    "the plan moves nothing: the routing table in force (version " + current.version() + ") already routes these slots so");
        }
        Set<String> skipped = plan.type() == PlanType.FAILOVER_UNIT && plan.acceptDataLoss() ? Set.of(plan.unit()) : Set.of();
        return new ResolvedPlan(plan, current.version(), moves, skipped, plan.syncMode() == null ? defaultSyncMode : plan.syncMode());
    }

    /**
     * Refuses moves that touch slots frozen in {@code current} (checked after the running cutovers,
     * whose refusal names the cutover).
     */
    public static void requireUnfrozen(UnitRules current, List<SlotMove> moves) {
        for (SlotMove m : moves) {
            for (SlotRange f : current.freezes()) {
                if (f.from() <= m.range().to() && m.range().from() <= f.to()) {
                    throw new CutoverConflictException("slots " + m.range() + " overlap the freeze " + f + " in force in version "
                            + current.version() + "; wait until the change that froze them ends", null);
                }
            }
        }
    }

    private static List<SlotRoute> moveSlots(UnitRules current, CutoverPlan plan, List<FieldError> errors) {
        int max = current.transform().maxSlot();
        if (plan.from() == null) {
            errors.add(new FieldError("from", "is required: the first slot to move (0.." + max + ")"));
        } else if (plan.from() < 0 || plan.from() > max) {
            errors.add(new FieldError("from", "must be within 0.." + max + ", but was " + plan.from()));
        }
        if (plan.to() == null) {
            errors.add(new FieldError("to", "is required: the last slot to move (0.." + max + ")"));
        } else if (plan.to() < 0 || plan.to() > max) {
            errors.add(new FieldError("to", "must be within 0.." + max + ", but was " + plan.to()));
        }
        if (plan.from() != null && plan.to() != null && plan.from() > plan.to()) {
            errors.add(new FieldError("to", "must be >= from (" + plan.from() + "), but was " + plan.to()));
        }
        requireUnit(current, "toUnit", plan.toUnit(), errors);
        if (!errors.isEmpty()) {
            return List.of();
        }
        return RulesEdits.applyMoves(current, List.of(new SlotMove(SlotRange.of(plan.from(), plan.to()), null, plan.toUnit())));
    }

    private static List<SlotRoute> targetRoutes(UnitRules current, CutoverPlan plan, List<FieldError> errors) {
        if (plan.routes() == null || plan.routes().isEmpty()) {
            errors.add(new FieldError("routes", "is required: the complete routing table wanted"));
            return List.of();
        }
        int slots = current.transform().slotCount();
        if (plan.routes().size() > slots) {
            errors.add(new FieldError("routes", "must have at most " + slots + " ranges (one per slot), but has "
                    + plan.routes().size()));
            return List.of();
        }
        for (int i = 0; i < plan.routes().size(); i++) {
            SlotRoute r = plan.routes().get(i);
            if (r == null || r.range() == null) {
                errors.add(new FieldError("routes[" + i + "]", "needs from, to and unit"));
            } else {
                requireUnit(current, "routes[" + i + "].unit", r.unit(), errors);
            }
        }
        return plan.routes();
    }

    private static List<SlotRoute> failover(UnitRules current, CutoverPlan plan, List<FieldError> errors) {
        requireUnit(current, "unit", plan.unit(), errors);
        requireUnit(current, "toUnit", plan.toUnit(), errors);
        if (plan.unit() != null && plan.unit().equals(plan.toUnit())) {
            errors.add(new FieldError("toUnit", "must differ from the lost unit '" + plan.unit() + "'"));
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<SlotRoute> routes = new ArrayList<>();
        for (SlotRoute r : current.routes()) {
            routes.add(r.unit().equals(plan.unit()) ? SlotRoute.of(r.range().from(), r.range().to(), plan.toUnit()) : r);
        }
        return routes;
    }

    private static void requireUnit(UnitRules current, String field, String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError(field, "is required: one of " + unitCodes(current)));
        } else if (current.unit(code).isEmpty()) {
            errors.add(new FieldError(field, "unknown unit '" + shown(code) + "': the rules in force (version " + current.version()
                    + ") have " + unitCodes(current)));
        }
    }

    /** A value echoed in a refusal, cut to a readable length. */
    static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "… (" + value.length() + " characters)";
    }

    private static List<String> unitCodes(UnitRules rules) {
        return rules.units().stream().map(u -> u.code()).toList();
    }
}
