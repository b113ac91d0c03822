package io.unitize.controlcenter.cutover;

/** The steps of a cutover, in order (DESIGN.md "The cutover"). ROLLBACK is run instead of the rest when a step before SWITCH fails. */
public enum CutoverStep {
    FREEZE("publish version v+1 = routes in force + freeze of the moving slots to every unit's Nacos"),
    CONFIRM_FREEZE("wait until every live agent of every unit has applied v+1"),
    MARK("record the freeze-effective time T and write a sync marker in each source unit's database"),
    CONFIRM_SYNC("wait until the marker (the data written before T) has arrived in the target unit's database"),
    SWITCH("publish v+2 = new routes with the freeze lifted; wait until every live agent has applied it"),
    REPLAY("ask the target unit's MQ layer to replay the moved slots' messages from T minus the margin"),
    DONE("the cutover is complete"),
    ROLLBACK("publish the routes in force without the freeze; wait until the agents have applied it");

    private final String description;

    CutoverStep(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether a failure here is undone by ROLLBACK (before the new routes are published). */
    public boolean beforeSwitch() {
        return ordinal() < SWITCH.ordinal();
    }

    CutoverStep next() {
        return values()[ordinal() + 1];
    }
}
