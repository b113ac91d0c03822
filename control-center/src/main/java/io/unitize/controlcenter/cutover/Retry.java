package io.unitize.controlcenter.cutover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * "Try until it works or the deadline passes": the one loop of the cutover steps. After each try that
 * did not work (or before each, with {@link #checkingFirst}) it runs the check (has the operator
 * stopped the cutover?) and looks at the deadline; a try either
 * returns a value, says it is not there yet ({@link Try#notYet}), or throws (remembered as the last
 * error and retried). When the deadline has passed the loop ends with a {@link StepFailedException}
 * whose message {@link Failure} builds from what it saw last. Without a deadline it tries until it works.
 *
 * @param <T> what a successful try returns
 */
public final class Retry<T> {

    /** One try. */
    @FunctionalInterface
    public interface Attempt<T> {
        Try<T> attempt() throws Exception;
    }

    /** Runs before each try; throws to end the loop (an operator's stop request). */
    @FunctionalInterface
    public interface Check {
        void check() throws StepFailedException;

        Check NONE = () -> { };
    }

    /** The failure message once the deadline has passed, from the last reason a try gave and the last error (either may be null). */
    @FunctionalInterface
    public interface Failure {
        String message(String lastReason, Exception lastError);
    }

    /** The result of one try: done with a value, or not yet (with the reason, for the failure message). */
    public record Try<T>(boolean done, T value, String reason) {

        public static <T> Try<T> done(T value) {
            return new Try<>(true, value, null);
        }

        public static <T> Try<T> notYet(String reason) {
            return new Try<>(false, null, reason);
        }
    }

    private final Clock clock;
    private final Attempt<T> attempt;
    private Duration pause = Duration.ofMillis(50);
    private Deadline deadline;
    private BooleanSupplier deadlineApplies = () -> true;
    private Check check = Check.NONE;
    private boolean checkFirst;
    private Predicate<RuntimeException> retryable = e -> true;
    private Duration warnEvery = Duration.ofSeconds(10);
    private Consumer<Exception> warn = e -> { };
    private Failure failure = (reason, error) -> reason != null ? reason : String.valueOf(error == null ? null : error.getMessage());

    private Retry(Clock clock, Attempt<T> attempt) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attempt = Objects.requireNonNull(attempt, "attempt");
    }

    public static <T> Retry<T> of(Clock clock, Attempt<T> attempt) {
        return new Retry<>(clock, attempt);
    }

    /** Retries an action that either works or throws. */
    public static Retry<Void> ofAction(Clock clock, Action action) {
        return new Retry<>(clock, () -> {
            action.run();
            return Try.done(null);
        });
    }

    /** An action for {@link #ofAction}. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** The pause between tries (at least 1 ms). */
    public Retry<T> every(Duration pause) {
        this.pause = pause.toMillis() < 1 ? Duration.ofMillis(1) : pause;
        return this;
    }

    /** The deadline; null = try until it works. */
    public Retry<T> until(Deadline deadline) {
        this.deadline = deadline;
        return this;
    }

    /** The deadline, which ends the loop only while {@code applies} says so (looked at before each try). */
    public Retry<T> until(Deadline deadline, BooleanSupplier applies) {
        this.deadline = deadline;
        this.deadlineApplies = applies;
        return this;
    }

    public Retry<T> checking(Check check) {
        this.check = check;
        return this;
    }

    /** Which unchecked errors are retried; any other is thrown at once. All by default. */
    public Retry<T> retryingOnly(Predicate<RuntimeException> retryable) {
        this.retryable = retryable;
        return this;
    }

    /** Called with an error of a try, at most once per {@code every} (the first error at once). */
    public Retry<T> warningEvery(Duration every, Consumer<Exception> warn) {
        this.warnEvery = every;
        this.warn = warn;
        return this;
    }

    /** Runs the check and looks at the deadline before the first try too (by default the first try comes first). */
    public Retry<T> checkingFirst() {
        this.checkFirst = true;
        return this;
    }

    public Retry<T> failingWith(Failure failure) {
        this.failure = failure;
        return this;
    }

    /**
     * Tries until a try is done.
     *
     * @throws StepFailedException if the check ended the loop or the deadline passed
     * @throws RuntimeException    an error {@link #retryingOnly} does not retry
     */
    public T run() throws InterruptedException, StepFailedException {
        String lastReason = null;
        Exception lastError = null;
        Instant nextWarn = clock.instant();
        while (true) {
            if (checkFirst) {
                endIfDue(lastReason, lastError);
            }
            Exception error = null;
            try {
                Try<T> t = attempt.attempt();
                if (t.done()) {
                    return t.value();
                }
                lastReason = t.reason();
            } catch (InterruptedException | StepFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                error = e;
            } catch (Exception e) {
                error = e;
            }
            if (error != null) {
                lastError = error;
                if (!clock.instant().isBefore(nextWarn)) {
                    warn.accept(error);
                    nextWarn = clock.instant().plus(warnEvery);
                }
            }
            if (!checkFirst) {
                endIfDue(lastReason, lastError);
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private void endIfDue(String lastReason, Exception lastError) throws StepFailedException {
        check.check();
        if (deadline != null && deadline.passed(clock) && deadlineApplies.getAsBoolean()) {
            throw new StepFailedException(failure.message(lastReason, lastError));
        }
    }
}
