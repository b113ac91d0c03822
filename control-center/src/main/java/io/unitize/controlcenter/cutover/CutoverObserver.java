package io.unitize.controlcenter.cutover;

/** Told about progress (metrics, fault injection in tests). Called on the engine thread after the state is saved. */
public interface CutoverObserver {

    default void stepFinished(Cutover cutover, StepRecord step) {
    }

    default void finished(Cutover cutover) {
    }
}
