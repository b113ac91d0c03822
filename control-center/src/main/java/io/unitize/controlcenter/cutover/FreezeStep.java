package io.unitize.controlcenter.cutover;

/** FREEZE: issues v+1 = routes in force + the freeze of the moving slots (once), and publishes it to every unit. */
final class FreezeStep implements StepAction {

    private final StepPorts ports;
    private final RulesPublication publication;

    FreezeStep(StepPorts ports, RulesPublication publication) {
        this.ports = ports;
        this.publication = publication;
    }

    @Override
    public CutoverStep step() {
        return CutoverStep.FREEZE;
    }

    @Override
    public StepResult run(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        if (c.freezeVersion() == null) {
            RulesAuthority rules = ports.rules();
            long v = rules.issued(c.id(), RulesLedger.Purpose.FREEZE).orElseGet(() -> rules.issue(RulesLedger.Purpose.FREEZE,
                    c.id(), c.operator(), VersionReasons.of("cutover " + c.id() + ": freeze", c.moves(), false, c.plan().reason()),
                    (current, stamp) -> RulesEdits.freeze(current, c.moves(), stamp)).version());
            c.freezeVersion(v);
            ports.repository().save(c);
        }
        c.freezePublishedAt(ports.clock().instant());
        publication.before(c, deadline);
        String units = ports.rules().units().toString();
        return StepResult.ok("version " + c.freezeVersion() + " published to " + (c.skippedUnits().isEmpty() ? units
                : units + " (tolerating failure of the lost unit " + c.skippedUnits() + ")"));
    }
}
