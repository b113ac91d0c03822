package io.unitize.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanExecutorTest {

    /** A fake Redis per unit that can be "down" for a number of attempts. */
    static final class FakeRedis implements KeyDeleter {
        final Map<String, Set<String>> deleted = new LinkedHashMap<>();
        final Map<String, Integer> failuresLeft = new LinkedHashMap<>();
        final List<String> attempts = new ArrayList<>();

        @Override
        public void delete(String unit, Collection<String> keys) throws Exception {
            attempts.add(unit);
            int left = failuresLeft.getOrDefault(unit, 0);
            if (left > 0) {
                failuresLeft.put(unit, left - 1);
                throw new java.net.ConnectException("redis of " + unit + " down");
            }
            deleted.computeIfAbsent(unit, u -> new HashSet<>()).addAll(keys);
        }
    }

    @Test
    void aUnitWhoseRedisIsDownIsRetriedWithBackoffUntilDeletedAndTheOthersAreNotRedone() throws Exception {
        FakeRedis redis = new FakeRedis();
        redis.failuresLeft.put("unit-b", 4);
        List<Duration> slept = new ArrayList<>();
        PlanExecutor executor = new PlanExecutor(redis, Duration.ofMillis(100), Duration.ofMillis(400), slept::add, () -> 10_000);
        executor.execute(new InvalidationPlan(Map.of("unit-a", Set.of("k1", "k2"), "unit-b", Set.of("k1", "k2")), Map.of(), 1, 9_750));
        assertThat(redis.deleted).containsEntry("unit-a", Set.of("k1", "k2")).containsEntry("unit-b", Set.of("k1", "k2"));
        assertThat(redis.attempts.stream().filter("unit-a"::equals)).as("unit-a deleted once").hasSize(1);
        assertThat(redis.attempts.stream().filter("unit-b"::equals)).hasSize(5);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
        assertThat(executor.retries()).isEqualTo(4);
        assertThat(executor.errors()).isEqualTo(4);
        assertThat(executor.keysDeleted()).isEqualTo(4);
        assertThat(executor.lastLagMillis()).isEqualTo(250);
    }

    @Test
    void itDoesNotReturnBeforeEveryKeyIsDeleted() {
        FakeRedis redis = new FakeRedis();
        redis.failuresLeft.put("unit-a", Integer.MAX_VALUE);
        PlanExecutor executor = new PlanExecutor(redis, Duration.ofMillis(1), Duration.ofMillis(1), d -> {
            if (redis.attempts.size() >= 50) {
                throw new InterruptedException("stop the test");
            }
        }, () -> 0);
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
                () -> executor.execute(new InvalidationPlan(Map.of("unit-a", Set.of("k")), Map.of(), 1, 0)));
        assertThat(redis.deleted).isEmpty();
        assertThat(redis.attempts).hasSize(50);
    }
}
