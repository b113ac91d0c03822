package io.unitize.controlcenter.grey.web;

import io.unitize.controlcenter.grey.GateKind;
import io.unitize.controlcenter.grey.GateOutcome;
import io.unitize.controlcenter.grey.GreyPlan;
import io.unitize.controlcenter.grey.Wave;
import io.unitize.core.SlotMove;

import java.util.List;

/**
 * A grey plan as the API shows it: its status, every wave with its cutover, gates (state and
 * reason) and rollback, and {@code failure} naming the wave and gate that stopped it.
 */
public record GreyPlanView(String id, String operator, String reason, int from, int to, String toUnit, String status,
                           List<GateKind> gates, Long maxLagMillis, long soakSeconds, Integer currentWave, List<WaveView> waves,
                           String failure, String abortedBy, String createdAt, String finishedAt) {

    public record WaveView(int index, int from, int to, String status, String cutoverId, List<SlotMove> moves, String switchedAt,
                           List<GateView> gates, List<String> dataChecks, List<String> rollbackCutovers, String detail) {
    }

    public record GateView(GateKind gate, String state, String detail, String startedAt, String finishedAt) {
    }

    static GreyPlanView of(GreyPlan p) {
        List<WaveView> waves = p.waves().stream().map(GreyPlanView::wave).toList();
        Integer current = p.status().finished() ? null : p.waves().stream()
                .filter(w -> switch (w.status()) {
                    case CUTOVER, GATES, AWAITING_APPROVAL, ROLLING_BACK -> true;
                    default -> false;
                }).map(Wave::index).findFirst().orElse(null);
        return new GreyPlanView(p.id(), p.operator(), p.reason(), p.range().from(), p.range().to(), p.toUnit(), p.status().name(),
                p.gateSettings().gates(), p.gateSettings().maxLagMillis(), p.gateSettings().soakMillis() / 1000, current, waves,
                p.failure(), p.abortedBy(), String.valueOf(p.createdAt()), p.finishedAt() == null ? null : p.finishedAt().toString());
    }

    private static WaveView wave(Wave w) {
        return new WaveView(w.index(), w.range().from(), w.range().to(), w.status().name(), w.cutoverId(), w.moves(),
                w.switchedAt() == null ? null : w.switchedAt().toString(), w.gates().stream().map(GreyPlanView::gate).toList(),
                w.dataChecks(), w.rollbackCutovers(), w.detail());
    }

    private static GateView gate(GateOutcome g) {
        return new GateView(g.gate(), g.state().name(), g.detail(), String.valueOf(g.startedAt()),
                g.finishedAt() == null ? null : g.finishedAt().toString());
    }
}
