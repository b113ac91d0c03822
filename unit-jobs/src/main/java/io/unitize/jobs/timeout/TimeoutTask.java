package io.unitize.jobs.timeout;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A delayed action: at {@code dueAt}, call the callback named {@code callback} with {@code payload}, in
 * the buyer's home unit. {@code key} is the idempotency key, unique per buyer: registering the same
 * task again is a no-op, and a callback should make its effect conditional on it (at-least-once
 * delivery, exactly-once effect).
 */
public record TimeoutTask(long buyerId, String key, String callback, Instant dueAt, String payload) {

    public static final int MAX_PAYLOAD_CHARS = 16_000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:/@-]{1,128}");
    static final Pattern CALLBACK = Pattern.compile("[a-z0-9][a-zA-Z0-9_.-]{0,63}");

    public TimeoutTask {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidTimeoutTaskException("key", "1-128 characters of A-Z a-z 0-9 _ . : / @ -", key);
        }
        if (callback == null || !CALLBACK.matcher(callback).matches()) {
            throw new InvalidTimeoutTaskException("callback", "1-64 characters: a lowercase letter or digit, then letters, digits, _ . -", callback);
        }
        if (dueAt == null) {
            throw new InvalidTimeoutTaskException("dueAt", "an instant", null);
        }
        if (payload == null) {
            payload = "";
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            throw new InvalidTimeoutTaskException("payload", "at most " + MAX_PAYLOAD_CHARS + " characters",
                    payload.length() + " characters");
        }
    }

    /** Whether {@code other} is the same task (same key and content), so that registering it again is a no-op. */
    boolean sameAs(TimeoutTask other) {
        return buyerId == other.buyerId && key.equals(other.key) && callback.equals(other.callback)
                && dueAt.toEpochMilli() == other.dueAt.toEpochMilli() && payload.equals(other.payload);
    }
}
