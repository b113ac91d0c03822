package io.unitize.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitContextTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void scopesNestAndRestore() {
        assertThat(UnitContext.buyerId()).isEmpty();
        try (UnitContext.Scope outer = UnitContext.enter(1)) {
            try (UnitContext.Scope inner = UnitContext.enter(2)) {
                assertThat(UnitContext.buyerId()).hasValue(2);
            }
            assertThat(UnitContext.buyerId()).hasValue(1);
        }
        assertThat(UnitContext.buyerId()).isEmpty();
    }

    @Test
    void requireBuyerIdNamesWhatNeededIt() {
        assertThatThrownBy(() -> UnitContext.requireBuyerId("order insert"))
                .isInstanceOf(UnitizeException.class).hasMessageStartingWith("order insert needs the buyerId");
    }

    @Test
    void wrappedTasksSeeTheSubmittersBuyerAndLeaveThePoolThreadClean() throws Exception {
        AtomicReference<Long> seen = new AtomicReference<>();
        try (UnitContext.Scope s = UnitContext.enter(77)) {
            pool.submit(UnitContext.wrap(() -> seen.set(UnitContext.buyerId().orElse(-1)))).get();
        }
        assertThat(seen.get()).isEqualTo(77);
        assertThat(pool.submit(() -> UnitContext.buyerId().isPresent()).get()).isFalse();
    }

    @Test
    void propagatingExecutorServiceCarriesTheBuyer() throws Exception {
        ExecutorService propagating = UnitContext.propagating(pool);
        try (UnitContext.Scope s = UnitContext.enter(5)) {
            assertThat(propagating.submit(() -> UnitContext.buyerId().orElse(-1)).get()).isEqualTo(5L);
        }
        assertThat(propagating.submit(() -> UnitContext.buyerId().orElse(-1)).get()).isEqualTo(-1L);
        AtomicReference<Long> seen = new AtomicReference<>();
        try (UnitContext.Scope s = UnitContext.enter(6)) {
            UnitContext.propagating((java.util.concurrent.Executor) pool).execute(() -> seen.set(UnitContext.buyerId().orElse(-1)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo(6L);
    }
}
