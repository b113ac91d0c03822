package io.unitize.controlcenter.integrity.lag;

import io.unitize.controlcenter.cutover.CutoverPlan;
import io.unitize.controlcenter.cutover.PlanResolver;
import io.unitize.controlcenter.cutover.ResolvedPlan;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.UnitRules;

import java.util.Optional;

/**
 * The check the API runs before it starts a cutover: resolves the plan's moves against the rules in
 * force and asks the {@link LagGate}. A plan that does not resolve is left to the engine, which
 * refuses it with the field named.
 */
public final class CutoverLagCheck {

    private final RulesAuthority rules;
    private final LagGate gate;
    private final PlanResolver resolver = new PlanResolver(SyncMode.MARKER);

    public CutoverLagCheck(RulesAuthority rules, LagGate gate) {
        this.rules = rules;
        this.gate = gate;
    }

    /** @throws ReplicationLagException when a moving direction is behind by more than the bound */
    public void check(CutoverPlan plan) {
        Optional<UnitRules> current = rules.latest();
        if (current.isEmpty()) {
            return;
        }
        ResolvedPlan r;
        try {
            r = resolver.resolve(current.get(), plan);
        } catch (RuntimeException e) {
            return; // the engine refuses it, naming the field
        }
        gate.check(r.moves(), r.skippedUnits());
    }
}
