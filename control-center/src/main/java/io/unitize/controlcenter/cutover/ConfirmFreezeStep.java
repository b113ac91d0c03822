package io.unitize.controlcenter.cutover;

/** CONFIRM_FREEZE: waits until every live agent has applied the freeze; then records T, the freeze-effective time. */
final class ConfirmFreezeStep implements StepAction {

    private final StepPorts ports;
    private final AgentAckWait acks;

    ConfirmFreezeStep(StepPorts ports, AgentAckWait acks) {
        this.ports = ports;
        this.acks = acks;
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.CONFIRM_FREEZE;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        int agents = acks.await(c, c.freezeVersion(), deadline, ports.aborts().of(c));
        c.freezeEffectiveAt(ports.clock().instant());
        return StepResult.ok(agents + " live agents on version " + c.freezeVersion());
    }
}
