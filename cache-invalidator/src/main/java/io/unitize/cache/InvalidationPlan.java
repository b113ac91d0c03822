package io.unitize.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The keys one binlog batch invalidates: per unit now, and per delay and unit for the delayed second
 * delete.
 *
 * @param now          unit -> keys to delete before the batch is acknowledged
 * @param later        delay -> unit -> keys to delete once more after that delay
 * @param changes      row changes in the batch
 * @param oldestCommit commit time (ms) of the batch's oldest change, or 0
 */
public record InvalidationPlan(Map<String, Set<String>> now, Map<Duration, Map<String, Set<String>>> later, int changes, long oldestCommit) {

    public boolean isEmpty() {
        return now.values().stream().allMatch(Set::isEmpty);
    }

    public int keyCount() {
        return now.values().stream().mapToInt(Set::size).sum();
    }
}
