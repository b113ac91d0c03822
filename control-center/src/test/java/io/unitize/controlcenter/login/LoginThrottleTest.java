package io.unitize.controlcenter.login;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10), 100);

    @Test
    void aUserIsLockedAfterMaxFailuresWithinTheWindowFromAnyAddressUntilTheLockoutEnds() {
        throttle.recordFailure("Alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.2");
        LoginThrottle.Failure third = throttle.recordFailure("ALICE", "10.0.0.3");
        assertThat(third.userLocked()).hasValueSatisfying(r -> assertThat(r.until()).isEqualTo(clock.now.plus(Duration.ofMinutes(10))));
        assertThat(throttle.check("alice", "10.0.0.9")).hasValueSatisfying(r -> {
            assertThat(r.scope()).isEqualTo(LoginThrottle.Scope.USER);
            assertThat(r.message(throttle.window())).startsWith("too many failed sign-ins for user 'alice' (3 within 15 min)");
        });
        assertThat(throttle.check("bob", "10.0.0.9")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("alice", "10.0.0.9")).as("the lockout is over").isEmpty();
        assertThat(throttle.recordFailure("alice", "10.0.0.9").userFailures()).as("counting starts again").isEqualTo(1);
    }

    @Test
    void failuresOlderThanTheWindowAreForgottenAndASuccessClearsTheUser() {
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.recordFailure("alice", "10.0.0.1").userFailures()).isEqualTo(1);
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordSuccess("alice");
        assertThat(throttle.recordFailure("alice", "10.0.0.1").userLocked()).as("a success clears the user's count").isEmpty();
    }

    @Test
    void anAddressIsLockedForEveryUserAfterMaxFailuresAndASuccessDoesNotClearIt() {
        for (int i = 1; i <= 4; i++) {
            throttle.recordFailure("user-" + i, "10.0.0.1");
        }
        throttle.recordSuccess("mallory");
        LoginThrottle.Failure fifth = throttle.recordFailure("user-5", "10.0.0.1");
        assertThat(fifth.addressLocked()).isPresent();
        assertThat(throttle.check("someone-else", "10.0.0.1")).hasValueSatisfying(r -> assertThat(r.message(throttle.window()))
                .startsWith("too many failed sign-ins from address 10.0.0.1 (5 within 15 min)"));
        assertThat(throttle.check("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void memoryIsBoundedAndLocksAreKeptOverPlainCounts() {
        LoginThrottle small = new LoginThrottle(clock, 2, 1000, Duration.ofMinutes(15), Duration.ofMinutes(10), 3);
        small.recordFailure("locked", "a");
        small.recordFailure("locked", "a");
        for (int i = 0; i < 50; i++) {
            small.recordFailure("spray-" + i, "a");
        }
        assertThat(small.check("locked", "b")).as("a lock survives a spray of new names").isPresent();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new LoginThrottle(clock, 0, 5, Duration.ofMinutes(1), Duration.ofMinutes(1), 10))
                .hasMessage("maxFailuresPerUser must be > 0, but was 0");
        assertThatThrownBy(() -> new LoginThrottle(clock, 1, 5, Duration.ZERO, Duration.ofMinutes(1), 10))
                .hasMessage("window must be > 0, but was PT0S");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T22:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
