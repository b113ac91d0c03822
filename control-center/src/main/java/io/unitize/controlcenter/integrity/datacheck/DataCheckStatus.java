package io.unitize.controlcenter.integrity.datacheck;

/** Where a data check is: running, or how it ended. */
public enum DataCheckStatus {
    RUNNING, MATCH, MISMATCH, FAILED, SKIPPED, INTERRUPTED;

    public boolean finished() {
        return this != RUNNING;
    }
}
