package io.unitize.controlcenter.cutover;

import java.time.Instant;

/**
 * SWITCH: issues v+2 = the new routes with the freeze lifted (once), publishes it until every unit
 * has it, then waits for the agents' acknowledgements under their own bound. Until v+2 is stored the
 * step can still be undone; after that it only goes forward.
 */
final class SwitchStep implements StepAction {

    private final StepPorts ports;
    private final RulesPublication publication;
    private final AgentAckWait acks;

    SwitchStep(StepPorts ports, RulesPublication publication, AgentAckWait acks) {
        this.ports = ports;
        this.publication = publication;
        this.acks = acks;
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.SWITCH;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        if (c.switchVersion() == null) {
            RulesAuthority rules = ports.rules();
            long v = rules.issued(c.id(), RulesLedger.Purpose.SWITCH).orElseGet(() -> rules.issue(RulesLedger.Purpose.SWITCH,
                    c.id(), c.operator(), VersionReasons.of("cutover " + c.id() + ": route", c.moves(), true, c.plan().reason()),
                    (current, stamp) -> RulesEdits.switchRoutes(current, c.moves(), stamp)).version());
            c.switchVersion(v);
            ports.repository().save(c);
        }
        Deadline ackBound = Deadline.after(ports.clock().instant(), ports.settings().switchAckTimeout(), "switch-ack-timeout");
        publication.untilDone(c);
        int agents = acks.await(c, c.switchVersion(), ackBound, Retry.Check.NONE);
        Instant at = ports.clock().instant();
        c.switchAppliedAt(at);
        c.windowClosedAt(at);
        return StepResult.ok("version " + c.switchVersion() + " applied by " + agents + " live agents");
    }
}
