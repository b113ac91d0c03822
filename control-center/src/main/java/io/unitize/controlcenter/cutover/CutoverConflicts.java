package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import io.unitize.core.UnitRules;

/** Resolves a plan against the rules in force and refuses it while another cutover moves some of the slots it touches. */
final class CutoverConflicts {

    private final RulesAuthority rules;
    private final CutoverRepository repository;
    private final PlanResolver resolver;

    CutoverConflicts(RulesAuthority rules, CutoverRepository repository, PlanResolver resolver) {
        this.rules = rules;
        this.repository = repository;
        this.resolver = resolver;
    }

    /**
     * @throws InvalidPlanException     naming the field, if the plan is malformed or moves nothing
     * @throws CutoverConflictException if there are no rules yet, another cutover holds some of the slots, or they are frozen
     */
    ResolvedPlan resolve(CutoverPlan plan) {
        UnitRules current = rules.latest().orElseThrow(() -> new CutoverConflictException(
                "no rules in force yet: store the first version with PUT /api/v1/rules", null));
        ResolvedPlan r = resolver.resolve(current, plan);
        for (Cutover other : repository.unfinished()) {
            for (SlotMove theirs : other.moves()) {
                String touched = touched(plan, r, theirs);
                if (touched != null) {
                    throw new CutoverConflictException(touched + " cutover " + other.id() + " (status " + other.status()
                            + ", step " + other.step() + ", started by " + other.operator() + "); one cutover at a time per "
                            + "slot range: wait until it ends, or stop it (POST /api/v1/cutovers/" + other.id() + "/abort)",
                            other.id());
                }
            }
        }
        PlanResolver.requireUnfrozen(current, r.moves());
        return r;
    }

    /**
     * How {@code plan} touches the slots that another cutover is moving ({@code theirs}), or null:
     * it moves some of them; it names some of them (MOVE_SLOTS: its range, even where the slots
     * would not change owner today; TARGET_ROUTES: its table names every slot); it fails over a
     * unit they are moving from or to.
     */
    private static String touched(CutoverPlan plan, ResolvedPlan mine, SlotMove theirs) {
        for (SlotMove m : mine.moves()) {
            if (overlap(m.range(), theirs.range())) {
                return "slots " + m.range() + " are moving in";
            }
        }
        return switch (plan.type()) {
            case MOVE_SLOTS -> overlap(SlotRange.of(plan.from(), plan.to()), theirs.range())
                    ? "slots " + plan.from() + "-" + plan.to() + " of this plan include " + theirs.range() + ", moving in" : null;
            case TARGET_ROUTES -> "a TARGET_ROUTES plan sets the owner of every slot, and slots " + theirs.range()
                    + " are moving (" + theirs.from() + " -> " + theirs.to() + ") in";
            case FAILOVER_UNIT -> plan.unit().equals(theirs.from()) || plan.unit().equals(theirs.to())
                    ? "unit " + plan.unit() + " is losing or receiving slots " + theirs.range() + " in" : null;
        };
    }

    private static boolean overlap(SlotRange a, SlotRange b) {
        return a.from() <= b.to() && b.from() <= a.to();
    }
}
