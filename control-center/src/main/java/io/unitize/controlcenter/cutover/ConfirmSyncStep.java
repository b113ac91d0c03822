package io.unitize.controlcenter.cutover;

import io.unitize.core.SlotMove;

import java.util.ArrayList;
import java.util.List;

/**
 * CONFIRM_SYNC: waits until each source unit's marker has arrived in each target unit (the data
 * written before T is there); skipped when the loss of the lost unit's data is accepted.
 */
final class ConfirmSyncStep implements StepAction {

    private final StepPorts ports;
    private volatile SyncLagNote lagNote = SyncLagNote.NONE;

    ConfirmSyncStep(StepPorts ports) {
        this.ports = ports;
    }

    /** What the step's detail adds for each confirmed direction (the replication lag measured then, say). */
    void lagNote(SyncLagNote note) {
        this.lagNote = java.util.Objects.requireNonNull(note, "note");
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.CONFIRM_SYNC;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        if (c.sourceUnits().isEmpty()) {
            return StepResult.skipped("data loss accepted for " + c.skippedUnits() + "; replication not confirmed");
        }
        SyncConfirmation sync = ports.sync(c);
        List<String> confirmed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SlotMove m : c.moves()) {
            String pair = m.from() + "->" + m.to();
            if (!c.sourceUnits().contains(m.from()) || confirmed.contains(pair)) {
                continue;
            }
            String token = c.syncTokens().get(m.from());
            ports.retry(() -> sync.arrived(token, m.from(), m.to()) ? Retry.Try.done(true) : Retry.Try.<Boolean>notYet(null))
                    .every(ports.settings().pollInterval()).until(deadline).checking(ports.aborts().of(c))
                    .failingWith((reason, error) -> "sync marker " + token + " (" + c.syncMode() + ") written in unit " + m.from()
                            + " not seen in unit " + m.to() + " within " + deadline + ": replication from " + m.from() + " to "
                            + m.to() + " is stopped or behind" + (error == null ? "" : "; last error: " + error.getMessage()))
                    .run();
            confirmed.add(pair);
            String note = lagNote.noteFor(m.from(), m.to());
            if (!note.isEmpty()) {
                notes.add(note);
            }
        }
        return StepResult.ok("data written before T confirmed in " + confirmed + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
    }
}
