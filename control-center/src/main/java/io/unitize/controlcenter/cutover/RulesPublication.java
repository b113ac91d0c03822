package io.unitize.controlcenter.cutover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Publishes the latest stored rules version to every unit a cutover does not skip, retrying. */
final class RulesPublication {

    private static final Logger log = LoggerFactory.getLogger(RulesPublication.class);
    static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final StepPorts ports;

    RulesPublication(StepPorts ports) {
        this.ports = ports;
    }

    /** Publishes, retrying until {@code deadline}. */
    void before(Cutover c, Deadline deadline) throws InterruptedException, StepFailedException {
        Retry.ofAction(ports.clock(), () -> ports.rules().publishLatest(c.skippedUnits()))
                .every(ports.settings().pollInterval().multipliedBy(4)).until(deadline).checking(ports.aborts().of(c))
                .failingWith((reason, error) -> "rules not published to every unit within " + deadline + ": "
                        + (error == null ? "no try completed" : error.getMessage()))
                .run();
    }

    /**
     * Publishes until every unit has it: after the new routes (or the rollback) are stored, stopping
     * half-way would leave units disagreeing, so this does not give up.
     */
    void untilDone(Cutover c) throws InterruptedException {
        Duration pause = ports.settings().pollInterval().multipliedBy(4);
        try {
            Retry.ofAction(ports.clock(), () -> ports.rules().publishLatest(c.skippedUnits()))
                    .every(pause.toMillis() < 200 ? Duration.ofMillis(200) : pause)
                    .warningEvery(WARN_EVERY, e -> log.warn("UNITIZE-CC-112 cutover {} at {}: the latest rules are not in every "
                            + "unit yet: {}. Next: retrying until they are; check that unit's Nacos", c.id(), c.step(), e.getMessage()))
                    .run();
        } catch (StepFailedException impossible) {
            throw new IllegalStateException("a retry without deadline or check ended", impossible);
        }
    }
}
