package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.integrity.misroute.MisrouteWrite;
import io.unitize.core.SlotRange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * SOAK: for the plan's soak time after the wave's switch, the mis-route audit finds no write of a
 * switched slot (any wave so far) by a unit that did not own it, and every unit's binlog is being
 * read (an audit that cannot read a unit's binlog proves nothing: the gate fails naming it).
 */
public final class SoakGate implements Gate {

    private final IntFunction<List<MisrouteWrite>> recentMisroutes;
    private final Supplier<Map<String, String>> auditErrors;

    /**
     * @param recentMisroutes the newest mis-routed writes found, newest first, at most the number given
     * @param auditErrors     per unit whose binlog the audit cannot read now, why
     */
    public SoakGate(IntFunction<List<MisrouteWrite>> recentMisroutes, Supplier<Map<String, String>> auditErrors) {
        this.recentMisroutes = recentMisroutes;
        this.auditErrors = auditErrors;
    }

    @Override
    public GateKind kind() {
        return GateKind.SOAK;
    }

    @Override
    public Verdict check(GateContext ctx) throws InterruptedException {
        Instant since = ctx.wave().switchedAt();
        Instant until = since.plusMillis(ctx.plan().gateSettings().soakMillis());
        List<SlotRange> slots = ctx.switchedSlots();
        do {
            for (MisrouteWrite w : recentMisroutes.apply(500)) {
                if (!w.committedAt().isBefore(since) && slots.stream().anyMatch(r -> r.contains(w.slot()))) {
                    return Verdict.fail("mis-routed write during the soak: " + w.type() + " " + w.table() + " key " + w.key()
                            + " (buyer " + w.buyerId() + ", slot " + w.slot() + ") by unit " + w.writingUnit() + " (server id "
                            + w.serverId() + ") at " + w.committedAt() + ", owner " + w.ownerUnit() + " under version "
                            + w.rulesVersion() + " (" + w.kind() + "). Next: GET /api/v1/misroutes; find the client that "
                            + "wrote it before planning again");
                }
            }
            Map<String, String> errors = auditErrors.get();
            if (!errors.isEmpty()) {
                return Verdict.fail("the mis-route audit cannot read the binlog of " + errors
                        + ": the soak proves nothing. Next: GET /api/v1/misroutes");
            }
            if (!ctx.clock().instant().isBefore(until)) {
                return Verdict.pass("no mis-routed write of slots " + slots + " from " + since + " to " + until);
            }
        } while (ctx.waitMore());
        return ctx.stop().getAsBoolean() ? Verdict.fail("stopped by the operator during the soak")
                : Verdict.fail("the soak until " + until + " did not end before " + ctx.deadline());
    }
}
