package io.unitize.id;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentIdGeneratorTest {

    /** Rows per (tag, unit), as the JDBC store keeps them. */
    static final class MemoryStore implements SegmentStore {
        final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        @Override
        public Segment allocate(String tag, String unit, int size) {
            AtomicLong row = rows.get(tag + "/" + unit);
            if (row == null) {
                throw new UnknownTagException(tag, unit);
            }
            sizes.add(size);
            long max = row.addAndGet(size);
            return new Segment(tag, max - size + 1, max);
        }
    }

    @Test
    void twoUnitsDrawingTheSameTagNeverCollideAndEachIdNamesItsUnit() {
        MemoryStore store = new MemoryStore();
        store.rows.put("order/center", new AtomicLong());
        store.rows.put("order/unit-b", new AtomicLong());
        SegmentIdGenerator a = new SegmentIdGenerator(store, "order", "center", 0, 4, 100, 10_000, Duration.ofMinutes(15), Runnable::run);
        SegmentIdGenerator b = new SegmentIdGenerator(store, "order", "unit-b", 1, 4, 100, 10_000, Duration.ofMinutes(15), Runnable::run);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            long x = a.nextId();
            long y = b.nextId();
            assertThat(seen.add(x)).isTrue();
            assertThat(seen.add(y)).isTrue();
            assertThat(SegmentIdGenerator.unitOf(x, 4)).isZero();
            assertThat(SegmentIdGenerator.unitOf(y, 4)).isEqualTo(1);
        }
    }

    @Test
    void theNextSegmentIsFetchedBeforeTheCurrentRunsOutAndFastUseGrowsTheStep() {
        MemoryStore store = new MemoryStore();
        store.rows.put("t/u", new AtomicLong());
        SegmentIdGenerator g = new SegmentIdGenerator(store, "t", "u", 0, 4, 100, 1_600, 0.1, Duration.ofMinutes(15), Runnable::run,
                System::nanoTime);
        g.nextId();
        for (int i = 0; i < 10; i++) {
            g.nextId();
        }
        assertThat(store.sizes).as("prefetched after 10% of the first segment").hasSize(2);
        for (int i = 0; i < 5_000; i++) {
            g.nextId();
        }
        assertThat(g.step()).as("segments used in far less than the target: the step doubles up to the max").isEqualTo(1_600);
    }

    @Test
    void anUnknownTagIsATypedError() {
        SegmentIdGenerator g = new SegmentIdGenerator(new MemoryStore(), "nope", "u", 0, 4, 10, 10, Duration.ofMinutes(1), Runnable::run);
        assertThatThrownBy(g::nextId).isInstanceOf(UnknownTagException.class).hasMessageContaining("unknown ID tag 'nope'");
    }
}
