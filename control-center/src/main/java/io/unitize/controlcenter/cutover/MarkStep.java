package io.unitize.controlcenter.cutover;

/** MARK: writes a sync marker in each source unit's database (once per unit); skipped when the loss of the lost unit's data is accepted. */
final class MarkStep implements StepAction {

    private final StepPorts ports;

    MarkStep(StepPorts ports) {
        this.ports = ports;
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.MARK;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        if (c.sourceUnits().isEmpty()) {
            return StepResult.skipped("data loss accepted for " + c.skippedUnits() + "; no marker written");
        }
        SyncConfirmation sync = ports.sync(c);
        for (String source : c.sourceUnits()) {
            if (c.syncTokens().containsKey(source)) {
                continue;
            }
            String markerId = c.id() + "@" + source;
            String token = ports.retry(() -> Retry.Try.done(sync.mark(markerId, source)))
                    .every(ports.settings().pollInterval()).until(deadline).checking(ports.aborts().of(c))
                    .failingWith((reason, error) -> "cannot write the sync marker in unit " + source + "'s database within "
                            + deadline + ": " + (error == null ? "no try completed" : error.getMessage()))
                    .run();
            c.syncToken(source, token);
            ports.repository().save(c);
        }
        return StepResult.ok("T=" + c.freezeEffectiveAt() + "; " + c.syncMode() + " markers " + c.syncTokens());
    }
}
