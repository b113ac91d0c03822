package io.unitize.controlcenter.cutover;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cutover steps' one retry loop, on a clock the tries move forward. */
class RetryTest {

    private final CutoverEngineTest.OffsetClock clock = new CutoverEngineTest.OffsetClock();
    private final AtomicInteger tries = new AtomicInteger();

    private Deadline inSeconds(int s) {
        return Deadline.after(clock.instant(), Duration.ofSeconds(s), "test-timeout");
    }

    @Test
    void retriesErrorsAndNotYetUntilATryIsDone() throws Exception {
        int value = Retry.of(clock, () -> {
            int n = tries.incrementAndGet();
            if (n == 1) {
                throw new IllegalStateException("down");
            }
            return n < 4 ? Retry.Try.<Integer>notYet("behind") : Retry.Try.done(n);
        }).every(Duration.ofMillis(1)).until(inSeconds(60)).run();
        assertThat(value).isEqualTo(4);
    }

    @Test
    void whenTheDeadlinePassesTheFailureNamesTheLastReasonAndError() {
        Deadline deadline = inSeconds(10);
        assertThatThrownBy(() -> Retry.of(clock, () -> {
            clock.advance(Duration.ofSeconds(4));
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("store refused");
            }
            return Retry.Try.<Integer>notYet("agent a at version 1");
        }).every(Duration.ofMillis(1)).until(deadline)
                .failingWith((reason, error) -> "not within " + deadline + ": " + reason + "; last error: " + error.getMessage())
                .run())
                .isInstanceOf(StepFailedException.class)
                .hasMessage("not within test-timeout 10s: agent a at version 1; last error: store refused");
        assertThat(tries).as("tried at 4 s and 8 s, the deadline seen after the try at 12 s").hasValue(3);
    }

    @Test
    void byDefaultTheFirstTryRunsEvenPastTheDeadline_checkingFirstMakesNone() throws Exception {
        Deadline passed = new Deadline(Instant.EPOCH, "test-timeout 0s");
        assertThat(Retry.of(clock, () -> Retry.Try.done(tries.incrementAndGet())).until(passed).run()).isEqualTo(1);
        assertThatThrownBy(() -> Retry.of(clock, () -> Retry.Try.done(tries.incrementAndGet())).until(passed).checkingFirst()
                .failingWith((reason, error) -> "passed before the try").run())
                .isInstanceOf(StepFailedException.class).hasMessage("passed before the try");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aDeadlineThatNoLongerAppliesDoesNotEndTheLoop() throws Exception {
        Deadline passed = new Deadline(Instant.EPOCH, "test-timeout 0s");
        int value = Retry.of(clock, () -> tries.incrementAndGet() < 3 ? Retry.Try.<Integer>notYet("no") : Retry.Try.done(7))
                .every(Duration.ofMillis(1)).until(passed, () -> false).checkingFirst().run();
        assertThat(value).isEqualTo(7);
    }

    @Test
    void anErrorThatIsNotRetriedIsThrownAtOnce() {
        assertThatThrownBy(() -> Retry.of(clock, () -> {
            tries.incrementAndGet();
            throw new IllegalArgumentException("never works");
        }).until(inSeconds(60)).retryingOnly(e -> !(e instanceof IllegalArgumentException)).run())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void theCheckEndsTheLoop() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> Retry.of(clock, () -> Retry.Try.<Integer>notYet("waiting")).every(Duration.ofMillis(1))
                .checking(() -> {
                    if (checks.incrementAndGet() == 3) {
                        throw new StepFailedException("rolled back on request of operator bob");
                    }
                }).run())
                .isInstanceOf(StepFailedException.class).hasMessage("rolled back on request of operator bob");
    }

    @Test
    void errorsAreWarnedAtMostOncePerPeriodOfTheClock() throws Exception {
        AtomicInteger warnings = new AtomicInteger();
        Retry.of(clock, () -> {
            int n = tries.incrementAndGet();
            clock.advance(Duration.ofSeconds(3));
            if (n < 8) {
                throw new IllegalStateException("nacos down");
            }
            return Retry.Try.done(n);
        }).every(Duration.ofMillis(1)).warningEvery(Duration.ofSeconds(10), e -> warnings.incrementAndGet()).run();
        assertThat(warnings).as("7 errors 3 s apart: warned at the 1st, 5th (12 s later)").hasValue(2);
    }
}
