package io.unitize.controlcenter.cutover;

import java.time.Duration;
import java.time.Instant;

/** One execution of a step: when it ran and how it ended ({@code outcome} null while running). */
public final class StepRecord {

    private CutoverStep step;
    private Instant startedAt;
    private Instant finishedAt;
    private StepOutcome outcome;
    private String detail;

    StepRecord() {
        // for the store's JSON mapping
    }

    StepRecord(CutoverStep step, Instant startedAt) {
        this.step = step;
        this.startedAt = startedAt;
    }

    void finish(Instant at, StepOutcome outcome, String detail) {
        this.finishedAt = at;
        this.outcome = outcome;
        this.detail = detail;
    }

    public CutoverStep step() {
        return step;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** How it ended; null while running. */
    public StepOutcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public Long millis() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt).toMillis();
    }
}
