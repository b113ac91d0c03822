package io.unitize.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One unit's Redis failing while the other keeps up: the live unit's deletes go on, batches are acknowledged in order. */
class UnackedBatchesTest {

    private final PlanExecutorTest.FakeRedis redis = new PlanExecutorTest.FakeRedis();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Set<String> homingNoBuyer = new HashSet<>();

    private UnackedBatches window(int maxBatches) {
        ParkedUnits parked = new ParkedUnits(homingNoBuyer::contains, 10_000, 100, 5_000, clock::get);
        PlanExecutor executor = new PlanExecutor(redis, Duration.ofMillis(100), Duration.ofMillis(400), d -> {
            throw new AssertionError("the window never sleeps");
        }, clock::get, parked);
        return new UnackedBatches(executor, maxBatches, clock::get);
    }

    private static InvalidationPlan plan(String... unitAndKey) {
        Map<String, Set<String>> now = new LinkedHashMap<>();
        for (int i = 0; i < unitAndKey.length; i += 2) {
            now.computeIfAbsent(unitAndKey[i], u -> new HashSet<>()).add(unitAndKey[i + 1]);
        }
        return new InvalidationPlan(now, Map.of(), 1, 0);
    }

    private static List<Long> ids(List<UnackedBatches.Done> done) {
        return done.stream().map(UnackedBatches.Done::batchId).toList();
    }

    private long attempts(String unit) {
        return redis.attempts.stream().filter(unit::equals).count();
    }

    @Test
    void aFailingUnitDoesNotHoldBackTheLiveUnitsDeletesAndEveryBatchWaitsForItInOrder() throws Exception {
        redis.failuresLeft.put("unit-b", 3);
        UnackedBatches window = window(100);

        window.add(1, plan("center", "order:1", "unit-b", "order:1"));
        window.add(2, plan("center", "order:2", "unit-b", "order:2"));
        window.add(3, plan("center", "order:3")); // touches only the center: still behind batch 1 in the acknowledgement order

        assertThat(redis.deleted.get("center")).as("the live unit's keys of every batch are deleted at once")
                .containsExactlyInAnyOrder("order:1", "order:2", "order:3");
        assertThat(attempts("unit-b")).as("unit-b tried once, at the first batch; later ones wait in its lane").isEqualTo(1);
        assertThat(window.unitsBehind()).containsExactly("unit-b");
        assertThat(window.takeDone()).as("nothing acknowledged while unit-b misses batch 1").isEmpty();
        assertThat(window.waiting()).isEqualTo(3);

        window.retryDue();
        assertThat(attempts("unit-b")).as("not before its backoff").isEqualTo(1);
        clock.addAndGet(100);
        window.retryDue(); // fails (2nd)
        clock.addAndGet(199);
        window.retryDue();
        assertThat(attempts("unit-b")).as("the backoff doubled: 200 ms").isEqualTo(2);
        clock.addAndGet(1);
        window.retryDue(); // fails (3rd)
        clock.addAndGet(400);
        window.retryDue(); // succeeds: both batches' keys in one delete

        assertThat(attempts("unit-b")).isEqualTo(4);
        assertThat(redis.deleted.get("unit-b")).containsExactlyInAnyOrder("order:1", "order:2");
        assertThat(window.unitsBehind()).isEmpty();
        assertThat(ids(window.takeDone())).as("acknowledged in the order read").containsExactly(1L, 2L, 3L);
        assertThat(window.waiting()).isZero();

        window.add(4, plan("center", "order:4", "unit-b", "order:4"));
        assertThat(ids(window.takeDone())).as("unit-b keeps up again: tried at once").containsExactly(4L);
        assertThat(attempts("unit-b")).isEqualTo(5);
    }

    @Test
    void aBatchBehindIsAcknowledgedOnlyWhenEveryUnitsKeysOfItAreDeleted() throws Exception {
        redis.failuresLeft.put("unit-b", 1);
        redis.failuresLeft.put("unit-c", 2);
        UnackedBatches window = window(100);
        window.add(7, plan("center", "k", "unit-b", "k", "unit-c", "k"));
        clock.addAndGet(100);
        window.retryDue(); // unit-b succeeds, unit-c fails again
        assertThat(window.unitsBehind()).containsExactly("unit-c");
        assertThat(window.takeDone()).isEmpty();
        clock.addAndGet(200);
        window.retryDue();
        assertThat(ids(window.takeDone())).containsExactly(7L);
    }

    @Test
    void atMostMaxBatchesWaitThenReadingStopsUntilTheUnitCatchesUp() throws Exception {
        redis.failuresLeft.put("unit-b", 1);
        UnackedBatches window = window(2);
        window.add(1, plan("center", "a", "unit-b", "a"));
        assertThat(window.full()).isFalse();
        window.add(2, plan("center", "b"));
        assertThat(window.full()).as("two batches wait: read no more").isTrue();
        clock.addAndGet(100);
        window.retryDue();
        assertThat(ids(window.takeDone())).containsExactly(1L, 2L);
        assertThat(window.full()).isFalse();
    }

    @Test
    void aLostUnitThatHomesNoBuyerIsParkedAndReleasesTheBatchesItHeld() throws Exception {
        redis.failuresLeft.put("unit-b", Integer.MAX_VALUE);
        UnackedBatches window = window(100);
        window.add(1, plan("center", "order:1", "unit-b", "order:1"));
        window.add(2, plan("center", "order:2", "unit-b", "order:2"));
        for (int i = 0; i < 40 && window.waiting() > 0; i++) {
            clock.addAndGet(400);
            window.retryDue();
            if (clock.get() - 1_000_000 > 6_000) {
                homingNoBuyer.add("unit-b"); // the failover moved its buyers away
            }
        }
        assertThat(ids(window.takeDone())).as("released once parked (failing 10 s and homing no buyer)").containsExactly(1L, 2L);
        assertThat(clock.get() - 1_000_000).isGreaterThanOrEqualTo(10_000);
        window.add(3, plan("center", "order:3", "unit-b", "order:3"));
        assertThat(ids(window.takeDone())).as("a parked unit's keys are kept for it, not waited for").containsExactly(3L);
    }

    @Test
    void aSecondDeleteForAUnitBehindJoinsItsLaneAndHoldsBackNoBatch() throws Exception {
        redis.failuresLeft.put("unit-b", 1);
        UnackedBatches window = window(100);
        window.add(1, plan("unit-b", "x"));
        window.deleteAgain(Map.of("unit-b", Set.of("y"), "center", Set.of("y")));
        assertThat(attempts("unit-b")).as("not tried apart: it is behind").isEqualTo(1);
        assertThat(redis.deleted.get("center")).containsExactly("y");
        clock.addAndGet(100);
        window.retryDue();
        assertThat(redis.deleted.get("unit-b")).containsExactlyInAnyOrder("x", "y");
        assertThat(ids(window.takeDone())).containsExactly(1L);
    }

    @Test
    void afterAReconnectNoBatchIsWaitedForButTheLaneStillDeletesItsKeys() throws Exception {
        redis.failuresLeft.put("unit-b", 1);
        UnackedBatches window = window(100);
        window.add(1, plan("center", "x", "unit-b", "x"));
        window.forgetBatches(); // Canal delivers batch 1 again under a new id
        assertThat(window.waiting()).isZero();
        assertThat(window.takeDone()).isEmpty();
        clock.addAndGet(100);
        window.retryDue();
        assertThat(redis.deleted.get("unit-b")).containsExactly("x");
        assertThat(window.unitsBehind()).isEmpty();
    }

    @Test
    void aWindowOfNoBatchIsRefused() {
        assertThatThrownBy(() -> window(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatches");
    }
}
