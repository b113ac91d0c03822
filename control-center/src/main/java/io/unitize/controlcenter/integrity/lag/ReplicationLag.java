package io.unitize.controlcenter.integrity.lag;

import java.time.Instant;

/**
 * Replication lag from {@code source} to {@code target} as last measured: how long the oldest
 * heartbeat written in the source and not yet seen in the target has been waiting (0 when the
 * target has the latest one). Immutable.
 *
 * @param lagMillis   null while nothing has been measured yet
 * @param latestSeq   the last heartbeat written in the source
 * @param seenSeq     the heartbeat the target holds (-1: none)
 * @param measuredAt  when the target was read (null: never)
 * @param error       why the last write or read failed, or null
 */
public record ReplicationLag(String source, String target, Long lagMillis, long latestSeq, long seenSeq,
                             Instant measuredAt, String error) {

    public String direction() {
        return source + "->" + target;
    }

    /** Whether this lag was measured and is above {@code maxMillis}. */
    public boolean exceeds(long maxMillis) {
        return lagMillis != null && lagMillis > maxMillis;
    }

    public String describe() {
        String lag = lagMillis == null ? "not measured yet" : lagMillis + " ms";
        return "replication lag " + direction() + " " + lag + " (heartbeat " + seenSeq + " of " + latestSeq + " seen"
                + (measuredAt == null ? "" : " at " + measuredAt) + (error == null ? "" : "; last error: " + error) + ")";
    }
}
