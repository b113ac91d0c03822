package io.unitize.controlcenter.config;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.controlcenter.cutover.StepRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only fault injection ({@code unitize.control-center.failpoint.halt-after-step}): halts the
 * JVM without shutdown hooks, as kill -9 would, right after the given step's state is saved. The
 * restart tests use it to stop the service after each step in turn.
 */
public class HaltAfterStepFailpoint implements CutoverObserver {

    private static final Logger log = LoggerFactory.getLogger(HaltAfterStepFailpoint.class);

    private final CutoverStep step;

    public HaltAfterStepFailpoint(CutoverStep step) {
        this.step = step;
        if (step != null) {
            log.warn("UNITIZE-CC-090 failpoint armed: the JVM halts after cutover step {}. Never set "
                    + "unitize.control-center.failpoint.halt-after-step outside tests", step);
        }
    }

    @Override
    public void stepFinished(Cutover cutover, StepRecord record) {
        if (step != null && record.step() == step) {
            log.warn("UNITIZE-CC-091 failpoint: halting after step {} of cutover {}", step, cutover.id());
            Runtime.getRuntime().halt(137);
        }
    }
}
