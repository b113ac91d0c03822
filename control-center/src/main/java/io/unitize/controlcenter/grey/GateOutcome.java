package io.unitize.controlcenter.grey;

import java.time.Instant;

/**
 * One gate of one wave: RUNNING (or WAITING for the operator) while it is evaluated, then PASSED
 * or FAILED with the reason.
 */
public record GateOutcome(GateKind gate, State state, String detail, Instant startedAt, Instant finishedAt) {

    public enum State { RUNNING, WAITING, PASSED, FAILED }

    static GateOutcome running(GateKind gate, State state, String detail, Instant at) {
        return new GateOutcome(gate, state, detail, at, null);
    }

    GateOutcome finish(boolean passed, String why, Instant at) {
        return new GateOutcome(gate, passed ? State.PASSED : State.FAILED, why, startedAt, at);
    }
}
