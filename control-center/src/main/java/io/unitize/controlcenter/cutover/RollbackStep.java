package io.unitize.controlcenter.cutover;

import java.util.Optional;

/**
 * ROLLBACK: issues (once) a version with the routes in force and the freeze lifted, publishes it
 * until every unit has it and waits for the acknowledgements. It always ends the cutover
 * ROLLED_BACK: agents that do not acknowledge in time become a warning, since the lifted freeze is published.
 */
final class RollbackStep {

    private final StepPorts ports;
    private final RulesPublication publication;
    private final AgentAckWait acks;

    RollbackStep(StepPorts ports, RulesPublication publication, AgentAckWait acks) {
        this.ports = ports;
        this.publication = publication;
        this.acks = acks;
    }

    /**
     * @return ok with the version applied, or ok "nothing to undo" when no freeze was issued
     * @throws StepFailedException if agents did not apply the lifted freeze in time (the caller records a warning)
     */
    StepResult run(Cutover c) throws InterruptedException, StepFailedException {
        RulesAuthority rules = ports.rules();
        if (c.rollbackVersion() == null) {
            Optional<Long> issued = rules.issued(c.id(), RulesLedger.Purpose.ROLLBACK);
            if (issued.isPresent()) {
                c.rollbackVersion(issued.get());
            } else if (rules.issued(c.id(), RulesLedger.Purpose.FREEZE).isPresent()
                    && rules.latest().map(r -> RulesEdits.freezesAny(r, c.moves())).orElse(false)) {
                c.rollbackVersion(rules.issue(RulesLedger.Purpose.ROLLBACK, c.id(), c.operator(), VersionReasons.of("cutover "
                                + c.id() + ": rolled back, routes unchanged, freeze lifted of", c.moves(), false, null),
                        (current, stamp) -> RulesEdits.liftFreeze(current, c.moves(), stamp)).version());
            }
            ports.repository().save(c);
        }
        if (c.rollbackVersion() == null) {
            return StepResult.ok("nothing to undo: no freeze was issued");
        }
        publication.untilDone(c);
        acks.await(c, c.rollbackVersion(), Deadline.after(ports.clock().instant(), ports.settings().freezeAckTimeout(),
                "freeze-ack-timeout"), Retry.Check.NONE);
        c.windowClosedAt(ports.clock().instant());
        return StepResult.ok("version " + c.rollbackVersion() + " (freeze lifted) applied");
    }
}
