package io.unitize.controlcenter.cutover;

import io.unitize.core.MissingUnitEndpointException;
import io.unitize.core.ReplayRequest;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** REPLAY: asks each target unit's MQ layer (once per unit) to replay the moved slots' messages from T minus the margin. */
final class ReplayStep implements StepAction {

    private final StepPorts ports;

    ReplayStep(StepPorts ports) {
        this.ports = ports;
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.REPLAY;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        List<String> sent = new ArrayList<>();
        for (String target : c.targetUnits()) {
            if (c.replaySent(target)) {
                continue;
            }
            ReplayRequest request = requestFor(c, target, ports.settings().replayMargin());
            String untilSent = "; the control center tries again at every reconcile tick until the target unit has it"
                    + " (GET /api/v1/cutovers/" + c.id() + " lists it under replaysPending; POST /api/v1/cutovers/" + c.id()
                    + "/replay tries at once)";
            try {
                Retry.ofAction(ports.clock(), () -> ports.replays().send(request))
                        .every(ports.settings().pollInterval().multipliedBy(4)).until(deadline)
                        .retryingOnly(e -> !(e instanceof MissingUnitEndpointException))
                        .failingWith((reason, error) -> "replay request not delivered to unit " + target + " within " + deadline
                                + ": " + (error == null ? "no try completed" : error.getMessage()) + untilSent)
                        .run();
            } catch (MissingUnitEndpointException noWayThere) {
                // nothing to wait for: the replay timeout would pass with every try refused the same way
                throw new StepFailedException("replay request not sent to unit " + target + ": " + noWayThere.getMessage() + untilSent);
            }
            c.markReplaySent(target);
            ports.repository().save(c);
            sent.add(target);
        }
        return StepResult.ok("replay requested from units " + sent);
    }

    /**
     * The request for {@code target}: the moved slots' messages from T minus {@code margin}, T being the
     * moment the freeze took effect (or, if that was not recorded, its publication). The same request
     * whenever it is built, so a late delivery replays what the step would have.
     */
    static ReplayRequest requestFor(Cutover c, String target, Duration margin) {
        List<SlotRange> ranges = c.moves().stream().filter(m -> m.to().equals(target)).map(SlotMove::range).toList();
        Set<String> sources = new LinkedHashSet<>();
        c.moves().stream().filter(m -> m.to().equals(target)).forEach(m -> sources.add(m.from()));
        Instant t = c.freezeEffectiveAt() != null ? c.freezeEffectiveAt() : c.freezePublishedAt();
        return new ReplayRequest(c.id(), target, List.copyOf(sources), ranges, t, t.minus(margin), c.switchVersion());
    }
}
