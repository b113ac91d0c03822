package io.unitize.controlcenter.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per user name and per client address. After {@code maxPerUser}
 * failures of one user, or {@code maxPerAddress} from one address, within {@code window}, every
 * sign-in of that user (from anywhere) or from that address (for any user) is refused for
 * {@code lockout}, the right password included. A success clears the user's count (not the
 * address's). At most {@code maxTracked} keys of each kind are remembered (expired ones go first).
 */
public final class LoginThrottle {

    /** Which key a refusal or a lock is about. */
    public enum Scope {
        USER("user"), ADDRESS("address");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A sign-in refused without checking the password: who or where is locked, until when. */
    public record Refusal(Scope scope, String key, int failures, Instant until) {

        public String message(Duration window) {
            return "too many failed sign-ins " + (scope == Scope.USER ? "for user '" + key + "'" : "from address " + key)
                    + " (" + failures + " within " + LoginThrottle.format(window) + "): sign-in refused until " + until
                    + "; try again then, or ask an operator to check the audit log";
        }
    }

    /** A failed sign-in counted: the counts so far, and the locks it started (empty if none). */
    public record Failure(int userFailures, int addressFailures, Optional<Refusal> userLocked, Optional<Refusal> addressLocked) {
    }

    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration lockout;
    private final int maxTracked;
    private final Map<String, Counter> users = new HashMap<>();
    private final Map<String, Counter> addresses = new HashMap<>();

    public LoginThrottle(Clock clock, int maxPerUser, int maxPerAddress, Duration window, Duration lockout, int maxTracked) {
        require(maxPerUser > 0, "maxFailuresPerUser must be > 0, but was " + maxPerUser);
        require(maxPerAddress > 0, "maxFailuresPerAddress must be > 0, but was " + maxPerAddress);
        require(window != null && !window.isNegative() && !window.isZero(), "window must be > 0, but was " + window);
        require(lockout != null && !lockout.isNegative() && !lockout.isZero(), "lockout must be > 0, but was " + lockout);
        require(maxTracked > 0, "maxTracked must be > 0, but was " + maxTracked);
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.lockout = lockout;
        this.maxTracked = maxTracked;
    }

    public Duration window() {
        return window;
    }

    public int maxPerUser() {
        return maxPerUser;
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }

    public Duration lockout() {
        return lockout;
    }

    /** The refusal if this user or this address is locked now (the user first). */
    public synchronized Optional<Refusal> check(String user, String address) {
        Instant now = clock.instant();
        Optional<Refusal> u = locked(users, Scope.USER, normalize(user), now);
        return u.isPresent() ? u : locked(addresses, Scope.ADDRESS, address, now);
    }

    public synchronized Failure recordFailure(String user, String address) {
        Instant now = clock.instant();
        Counter u = count(users, normalize(user), now);
        Counter a = count(addresses, address, now);
        return new Failure(u.failures, a.failures, lockIfDue(u, Scope.USER, normalize(user), maxPerUser, now),
                lockIfDue(a, Scope.ADDRESS, address, maxPerAddress, now));
    }

    public synchronized void recordSuccess(String user) {
        users.remove(normalize(user));
    }

    /** User names are compared case-insensitively (so are they in a MariaDB user store). */
    public static String normalize(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }

    private Optional<Refusal> locked(Map<String, Counter> map, Scope scope, String key, Instant now) {
        Counter c = map.get(key);
        if (c == null || c.lockedUntil == null) {
            return Optional.empty();
        }
        if (!now.isBefore(c.lockedUntil)) {
            map.remove(key);
            return Optional.empty();
        }
        return Optional.of(new Refusal(scope, key, c.failures, c.lockedUntil));
    }

    private Counter count(Map<String, Counter> map, String key, Instant now) {
        Counter c = map.get(key);
        if (c != null && c.expired(now, window)) {
            map.remove(key);
            c = null;
        }
        if (c == null) {
            makeRoom(map, now);
            c = new Counter(now);
            map.put(key, c);
        }
        c.failures++;
        return c;
    }

    private Optional<Refusal> lockIfDue(Counter c, Scope scope, String key, int max, Instant now) {
        if (c.lockedUntil == null && c.failures >= max) {
            c.lockedUntil = now.plus(lockout);
            return Optional.of(new Refusal(scope, key, c.failures, c.lockedUntil));
        }
        return Optional.empty();
    }

    private void makeRoom(Map<String, Counter> map, Instant now) {
        if (map.size() < maxTracked) {
            return;
        }
        map.values().removeIf(c -> c.expired(now, window));
        for (Iterator<Counter> it = map.values().iterator(); map.size() >= maxTracked && it.hasNext(); ) {
            if (it.next().lockedUntil == null) {
                it.remove(); // an unlocked count: forgetting it only delays a lock
            }
        }
        for (Iterator<Counter> it = map.values().iterator(); map.size() >= maxTracked && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static final class Counter {
        final Instant first;
        int failures;
        Instant lockedUntil;

        Counter(Instant first) {
            this.first = first;
        }

        boolean expired(Instant now, Duration window) {
            return lockedUntil != null ? !now.isBefore(lockedUntil) : !now.isBefore(first.plus(window));
        }
    }
}
