package io.unitize.controlcenter.cutover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Drives one cutover from its saved step to the end: runs each step under its deadline, records its
 * outcome, saves the state, and either advances or rolls back. A failure before the new routes are
 * stored rolls back (freeze lifted, routes unchanged); after it, it becomes a warning.
 */
final class CutoverDriver {

    private static final Logger log = LoggerFactory.getLogger(CutoverDriver.class);

    private final StepPorts ports;
    private final CutoverSteps steps;
    private final List<CutoverObserver> observers;

    CutoverDriver(StepPorts ports, CutoverSteps steps, List<CutoverObserver> observers) {
        this.ports = ports;
        this.steps = steps;
        this.observers = List.copyOf(observers);
    }

    /** Runs the cutover until it is DONE or ROLLED_BACK, or this thread is interrupted (the service stopping). */
    void drive(Cutover c) {
        try {
            while (!c.status().finished()) {
                if (c.status() == CutoverStatus.ROLLING_BACK) {
                    rollBack(c);
                } else {
                    runStep(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("UNITIZE-CC-102 cutover {} paused at step {}: the control center is stopping; it resumes at the next start",
                    c.id(), c.step());
        } catch (RuntimeException e) {
            log.error("UNITIZE-CC-103 cutover {} stopped at step {} by an unexpected error. Next: it resumes at the next "
                    + "reconciliation or restart; check the control center's database", c.id(), c.step(), e);
        }
    }

    private void runStep(Cutover c) throws InterruptedException {
        CutoverStep step = c.step();
        StepRecord record = c.begin(step, ports.clock().instant());
        ports.repository().save(c);
        try {
            StepResult result = runUntilDeadline(c, steps.forward(step), deadlineOf(c, step));
            record.finish(ports.clock().instant(), result.outcome(), result.detail());
            advance(c, step);
        } catch (StepFailedException f) {
            record.finish(ports.clock().instant(), StepOutcome.FAILED, f.getMessage());
            if (step.beforeSwitch() || (step == CutoverStep.SWITCH && c.switchVersion() == null)) {
                c.failure(step, f.getMessage());
                c.status(CutoverStatus.ROLLING_BACK);
                c.step(CutoverStep.ROLLBACK);
                log.warn("UNITIZE-CC-110 cutover {} failed at {}: {}. Next: rolling back (freeze lifted, routes unchanged)",
                        c.id(), step, f.getMessage());
            } else {
                c.warn(step + ": " + f.getMessage());
                log.warn("UNITIZE-CC-111 cutover {}: {} not confirmed: {}. The new routes are in force; agents that have not "
                        + "applied them keep refusing writes of the moved slots until they do", c.id(), step, f.getMessage());
                advance(c, step);
            }
        }
        ports.repository().save(c);
        observers.forEach(o -> o.stepFinished(c, record));
        if (c.status().finished()) {
            finish(c);
        }
    }

    /**
     * The bound of a step. Until the new routes are stored (every step before SWITCH, and SWITCH until
     * its version is stored) the freeze timeout, counted from the freeze's publication, bounds it too.
     */
    private Deadline deadlineOf(Cutover c, CutoverStep step) {
        CutoverSettings settings = ports.settings();
        Deadline own = Deadline.after(ports.clock().instant(), settings.timeoutOf(step), CutoverSettings.propertyOf(step));
        Deadline freeze = c.freezePublishedAt() == null ? null
                : Deadline.after(c.freezePublishedAt(), settings.freezeTimeout(), "freeze-timeout");
        if (step == CutoverStep.SWITCH) {
            return freeze == null ? own : freeze; // the acknowledgements get their own bound once the version is stored
        }
        return step.beforeSwitch() ? own.earliest(freeze) : own;
    }

    /**
     * Runs a step. While the step can still be undone, an unexpected error (the store refusing a
     * write, a document that cannot be derived) is retried until the deadline and then fails the
     * step, so the cutover rolls back instead of holding the freeze: no step that can never succeed
     * keeps buyers frozen past the freeze timeout. After the new routes are stored nothing is undone:
     * such an error stops this drive (UNITIZE-CC-103) and the step runs again at the next reconciliation.
     */
    private StepResult runUntilDeadline(Cutover c, StepAction action, Deadline deadline)
            throws InterruptedException, StepFailedException {
        CutoverStep step = action.step();
        return ports.retry(() -> Retry.Try.done(action.run(c, deadline)))
                .every(ports.settings().pollInterval().multipliedBy(4)).until(deadline, () -> undoable(c, step))
                .checking(ports.aborts().of(c)).checkingFirst().retryingOnly(e -> undoable(c, step))
                .warningEvery(RulesPublication.WARN_EVERY, e -> log.warn("UNITIZE-CC-113 cutover {} at {}: {}. Next: retrying "
                        + "until {} passes, then rolling back (freeze lifted, routes unchanged)", c.id(), step,
                        abbreviate(e.getMessage(), 500), deadline))
                .failingWith((reason, error) -> error == null ? deadline + " passed before the step could run"
                        : "cannot complete within " + deadline + ": " + abbreviate(error.getMessage(), 500))
                .run();
    }

    /** Whether a failure now is undone by ROLLBACK: before SWITCH, or in SWITCH before its version is stored. */
    private boolean undoable(Cutover c, CutoverStep step) {
        if (step.beforeSwitch()) {
            return true;
        }
        return step == CutoverStep.SWITCH && c.switchVersion() == null
                && ports.rules().issued(c.id(), RulesLedger.Purpose.SWITCH).isEmpty();
    }

    private void advance(Cutover c, CutoverStep done) {
        CutoverStep next = done.next();
        c.step(next);
        if (next == CutoverStep.DONE) {
            c.status(CutoverStatus.DONE);
            c.finishedAt(ports.clock().instant());
        }
    }

    private void rollBack(Cutover c) throws InterruptedException {
        StepRecord record = c.begin(CutoverStep.ROLLBACK, ports.clock().instant());
        ports.repository().save(c);
        try {
            StepResult result = steps.rollback().run(c);
            record.finish(ports.clock().instant(), result.outcome(), result.detail());
        } catch (StepFailedException f) {
            c.warn("ROLLBACK: " + f.getMessage() + "; version " + c.rollbackVersion() + " (freeze lifted) is published, "
                    + "those agents refuse writes of the moving slots until they apply it");
            record.finish(ports.clock().instant(), StepOutcome.FAILED, f.getMessage());
        }
        c.status(CutoverStatus.ROLLED_BACK);
        c.finishedAt(ports.clock().instant());
        ports.repository().save(c);
        observers.forEach(o -> o.stepFinished(c, record));
        finish(c);
    }

    private void finish(Cutover c) {
        log.info("UNITIZE-CC-120 cutover {} {}: freeze window {} ms, steps {}{}", c.id(), c.status(), c.freezeWindowMillis(),
                c.steps().stream().map(s -> s.step() + "=" + s.millis() + "ms").collect(Collectors.joining(", ")),
                c.failure() == null ? "" : "; failure: " + c.failure());
        observers.forEach(o -> o.finished(c));
    }

    static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
