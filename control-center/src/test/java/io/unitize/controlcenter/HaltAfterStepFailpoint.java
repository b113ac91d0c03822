package io.unitize.controlcenter;

import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverObserver;
import io.unitize.controlcenter.cutover.CutoverStep;
import io.unitize.controlcenter.cutover.StepRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

/**
 * Test-only fault injection, never in the product: halts the JVM without shutdown hooks, as kill -9
 * would, right after the given step's state is saved. A test adds it to a control center it starts
 * with {@link #args(CutoverStep)} (an extra Spring source from the test classpath).
 */
public class HaltAfterStepFailpoint implements CutoverObserver {

    private static final Logger log = LoggerFactory.getLogger(HaltAfterStepFailpoint.class);
    static final String PROPERTY = "unitize.test.failpoint.halt-after-step";

    private final CutoverStep step;

    public HaltAfterStepFailpoint(@Value("${" + PROPERTY + "}") CutoverStep step) {
        this.step = step;
        log.warn("UNITIZE-TEST-090 failpoint armed: the JVM halts after cutover step {}", step);
    }

    /** Command-line arguments that arm the failpoint in a control center process. */
    static String[] args(CutoverStep step) {
        return new String[]{"--spring.main.sources=" + HaltAfterStepFailpoint.class.getName(), "--" + PROPERTY + "=" + step};
    }

    @Override
    public void stepFinished(Cutover cutover, StepRecord record) {
        if (record.step() == step) {
            log.warn("UNITIZE-TEST-091 failpoint: halting after step {} of cutover {}", step, cutover.id());
            Runtime.getRuntime().halt(137);
        }
    }
}
