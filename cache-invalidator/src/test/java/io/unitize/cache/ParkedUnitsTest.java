package io.unitize.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lost unit's Redis no longer holds every unit's invalidation back (the drill: after unit-b was
 * lost and failed over, the center's invalidator waited for unit-b's Redis for ever, so the center's
 * Redis kept cancelled orders as PLACED — 4 stale entries, the invalidation lag 30 s and more).
 */
class ParkedUnitsTest {

    private final PlanExecutorTest.FakeRedis redis = new PlanExecutorTest.FakeRedis();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Set<String> homingNoBuyer = new HashSet<>();

    private PlanExecutor executor() {
        ParkedUnits parked = new ParkedUnits(homingNoBuyer::contains, 10_000, 3, 5_000, clock::get);
        return new PlanExecutor(redis, Duration.ofMillis(100), Duration.ofSeconds(5), d -> {
            if (redis.attempts.size() > 1_000) {
                throw new InterruptedException("waited for ever");
            }
            clock.addAndGet(d.toMillis());
        }, clock::get, parked);
    }

    private static InvalidationPlan plan(String key) {
        return new InvalidationPlan(Map.of("center", Set.of(key), "unit-b", Set.of(key)), Map.of(), 1, 0);
    }

    @Test
    void a_unit_whose_redis_is_gone_and_that_homes_no_buyer_stops_holding_the_others_back() throws Exception {
        redis.failuresLeft.put("unit-b", Integer.MAX_VALUE); // lost
        homingNoBuyer.add("unit-b"); // failed over: every slot in the center
        PlanExecutor executor = executor();

        executor.execute(plan("order:46000:1"));
        long parkedAt = clock.get();
        executor.execute(plan("order:42007:2"));
        executor.execute(plan("order:42008:3"));

        assertThat(parkedAt - 1_000_000).as("waited the park-after bound, then not").isBetween(10_000L, 16_000L);
        assertThat(clock.get()).as("the later plans did not wait for unit-b").isEqualTo(parkedAt);
        assertThat(redis.deleted.get("center")).containsExactlyInAnyOrder("order:46000:1", "order:42007:2", "order:42008:3");
        assertThat(executor.parked().isParked("unit-b")).isTrue();
        assertThat(executor.parked().keptKeys()).isEqualTo(3);
    }

    @Test
    void a_unit_that_still_homes_buyers_is_waited_for_as_long_as_it_takes() throws Exception {
        redis.failuresLeft.put("unit-b", 40); // down a long while, then back
        PlanExecutor executor = executor();

        executor.execute(plan("order:46000:1"));

        assertThat(redis.deleted.get("unit-b")).containsExactly("order:46000:1");
        assertThat(clock.get() - 1_000_000).as("waited over the park-after bound").isGreaterThan(10_000L);
        assertThat(executor.parked().isParked("unit-b")).isFalse();
    }

    @Test
    void the_keys_kept_for_a_parked_unit_are_deleted_when_its_redis_answers_and_then_it_is_waited_for_again() throws Exception {
        redis.failuresLeft.put("unit-b", Integer.MAX_VALUE);
        homingNoBuyer.add("unit-b");
        PlanExecutor executor = executor();
        executor.execute(plan("order:46000:1"));
        executor.execute(plan("order:46000:2"));

        redis.failuresLeft.put("unit-b", 0); // back
        executor.retryParked();
        assertThat(redis.deleted.get("unit-b")).as("not due yet: tried again at most every 5 s").isNull();
        clock.addAndGet(5_000);
        executor.retryParked();

        assertThat(redis.deleted.get("unit-b")).containsExactlyInAnyOrder("order:46000:1", "order:46000:2");
        assertThat(executor.parked().isParked("unit-b")).isFalse();
        assertThat(executor.parked().keptKeys()).isZero();
    }

    @Test
    void a_parked_unit_that_homes_buyers_again_is_waited_for_with_its_kept_keys_first() throws Exception {
        redis.failuresLeft.put("unit-b", Integer.MAX_VALUE);
        homingNoBuyer.add("unit-b");
        PlanExecutor executor = executor();
        executor.execute(plan("order:46000:1"));

        homingNoBuyer.remove("unit-b"); // slots moved back to it
        redis.failuresLeft.put("unit-b", 3);
        executor.execute(plan("order:46000:2"));

        assertThat(redis.deleted.get("unit-b")).containsExactlyInAnyOrder("order:46000:1", "order:46000:2");
        assertThat(executor.parked().isParked("unit-b")).isFalse();
    }

    @Test
    void keys_over_the_limit_are_not_kept() throws Exception {
        redis.failuresLeft.put("unit-b", Integer.MAX_VALUE);
        homingNoBuyer.add("unit-b");
        PlanExecutor executor = executor();
        for (int i = 0; i < 5; i++) {
            executor.execute(plan("order:46000:" + i));
        }

        assertThat(executor.parked().keptKeys()).isEqualTo(3);
        assertThat(redis.deleted.get("center")).hasSize(5);
    }
}
