package io.unitize.controlcenter.integrity.datacheck;

import java.time.Duration;

/**
 * How hard a data check may read: rows per batch and side, rows per second (over the whole check,
 * per side), slots per checksum chunk, how many differing keys are named per table, and how often
 * (and how long apart) a differing row is read again before it is reported (replication in flight).
 */
public record CheckLimits(int batchRows, int rowsPerSecond, int slotsPerChunk, int maxReportedKeys, int rechecks,
                          Duration recheckDelay) {

    public CheckLimits {
        positive("batchRows", batchRows);
        positive("rowsPerSecond", rowsPerSecond);
        positive("slotsPerChunk", slotsPerChunk);
        positive("maxReportedKeys", maxReportedKeys);
        if (rechecks < 0) {
            throw new IllegalArgumentException("rechecks must be >= 0, but was " + rechecks);
        }
        if (recheckDelay == null || recheckDelay.isNegative()) {
            throw new IllegalArgumentException("recheckDelay must be >= 0, but was " + recheckDelay);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }
}
