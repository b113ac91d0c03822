package io.unitize.id;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeIdGeneratorTest {

    /** A clock that only moves when told to, or when the generator sleeps. */
    static final class FakeClock {
        final AtomicLong now = new AtomicLong(Instant.parse("2026-11-22T00:00:00Z").toEpochMilli());
        long slept;

        long millis() {
            return now.get();
        }

        void sleep(long ms) {
            slept += ms;
            now.addAndGet(ms);
        }
    }

    private static SnowflakeIdGenerator.Builder gen(FakeClock clock) {
        return SnowflakeIdGenerator.builder().unit(2).worker(5).clock(clock::millis, clock::sleep);
    }

    @Test
    void idsIncreaseAreUniqueAndCarryUnitAndWorker() {
        FakeClock clock = new FakeClock();
        SnowflakeIdGenerator g = gen(clock).build();
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 20_000; i++) { // 4,096 per ms: the generator waits for the next millisecond
            long id = g.nextId();
            assertThat(id).isGreaterThan(last);
            assertThat(seen.add(id)).isTrue();
            last = id;
        }
        assertThat(g.layout().unitOf(last)).isEqualTo(2);
        assertThat(g.layout().workerOf(last)).isEqualTo(5);
        assertThat(clock.slept).isGreaterThanOrEqualTo(4);
    }

    /**
     * At full demand every tick is used: the generator does not sleep past the next tick when a
     * tick's sequence runs out. The clock here moves with its reads (10,000 per ms, 100 ns each, like
     * a real clock under a busy caller) and a sleep overshoots by one more millisecond, as Thread.sleep(1)
     * does on a loaded Linux machine. The old generator slept at every exhausted tick and skipped
     * the next one (about half the ticks unused here; 3.26 of 4.096 M/s in the JMH run).
     */
    @Test
    void atFullDemandNoTickIsSkipped() {
        long base = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
        AtomicLong reads = new AtomicLong();
        AtomicLong offset = new AtomicLong();
        SnowflakeIdGenerator g = SnowflakeIdGenerator.builder().unit(2).worker(5)
                .clock(() -> base + offset.get() + reads.incrementAndGet() / 10_000, () -> reads.get() * 100, ms -> offset.addAndGet(ms + 1))
                .build();
        int perTick = (int) g.layout().maxSequence() + 1;
        java.util.TreeMap<Long, Integer> idsPerTick = new java.util.TreeMap<>();
        for (int i = 0; i < 40 * perTick; i++) {
            idsPerTick.merge(g.layout().tickOf(g.layout().timeOf(g.nextId()).toEpochMilli()), 1, Integer::sum);
        }
        long first = idsPerTick.firstKey();
        long last = idsPerTick.lastKey();
        assertThat(idsPerTick).as("ticks used from %d to %d", first, last).hasSize((int) (last - first + 1));
        assertThat(idsPerTick.headMap(last).values()).as("every tick but the last one is full").containsOnly(perTick);
        assertThat(offset.get()).as("no sleep: the generator spun until the next tick").isZero();
    }

    @Test
    void aSmallStepBackIsWaitedOutWithoutRepeating() {
        FakeClock clock = new FakeClock();
        SnowflakeIdGenerator g = gen(clock).maxBackwardWait(10).build();
        long before = g.nextId();
        clock.now.addAndGet(-5);
        long after = g.nextId();
        assertThat(after).isGreaterThan(before);
        assertThat(clock.slept).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aLargeStepBackIsRefusedWithATypedError() {
        FakeClock clock = new FakeClock();
        SnowflakeIdGenerator g = gen(clock).maxBackwardWait(10).build();
        g.nextId();
        clock.now.addAndGet(-5_000);
        assertThatThrownBy(g::nextId).isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessageContaining("5000 ms behind").hasMessageContaining("no ID issued");
        clock.now.addAndGet(5_001);
        assertThat(g.nextId()).isPositive();
    }

    @Test
    void aRestartWithTheClockBehindTheHighWaterMarkDoesNotRepeat() {
        FakeClock clock = new FakeClock();
        long[] stored = {0};
        HighWaterMark mark = new HighWaterMark() {
            @Override
            public long load() {
                return stored[0];
            }

            @Override
            public void store(long epochMillis) {
                stored[0] = epochMillis;
            }
        };
        SnowflakeIdGenerator first = gen(clock).highWaterMark(mark, 1000).build();
        Set<Long> issued = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            issued.add(first.nextId());
        }
        clock.now.addAndGet(-8); // restart at once with the clock 8 ms behind: waits past the mark, then issues only new IDs
        SnowflakeIdGenerator second = gen(clock).highWaterMark(mark, 1000).build();
        assertThat(clock.slept).as("waited past the mark kept ahead").isGreaterThanOrEqualTo(1000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(issued.add(second.nextId())).isTrue();
        }
        clock.now.addAndGet(-60_000); // far behind: refuses to start
        assertThatThrownBy(() -> gen(clock).highWaterMark(mark, 1000).build())
                .isInstanceOf(ClockMovedBackwardsException.class).hasMessageContaining("previous run");
    }

    @Test
    void routableIdsHaveASequencePerSlot() {
        FakeClock clock = new FakeClock();
        SnowflakeIdGenerator g = gen(clock).layout(IdLayout.routable(14)).build();
        Set<Long> seen = new HashSet<>();
        for (int slot = 0; slot < 10_000; slot += 7) {
            for (int i = 0; i < 20; i++) {
                long id = g.nextId(slot);
                assertThat(g.layout().slotOf(id)).isEqualTo(slot);
                assertThat(seen.add(id)).isTrue();
            }
        }
        assertThat(clock.slept).as("20 per slot fit in one second's 256").isZero();
        assertThatThrownBy(() -> g.nextId(16_384)).hasMessageContaining("slot must be within 0..16383");
    }

    @Test
    void manyThreadsNeverShareAnId() throws Exception {
        SnowflakeIdGenerator g = SnowflakeIdGenerator.builder().unit(1).worker(1).build();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(g.nextId());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void badConfigurationNamesEveryField() {
        assertThatThrownBy(() -> SnowflakeIdGenerator.builder().unit(16).build())
                .hasMessageContaining("unit must be within 0..15, but was 16").hasMessageContaining("worker is required");
    }
}
