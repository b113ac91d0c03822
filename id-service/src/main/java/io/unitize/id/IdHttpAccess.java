package io.unitize.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may draw IDs from {@link IdHttpServer}, and how many: an optional shared bearer token
 * (several may be valid at once, to rotate one without downtime) and an optional limit of IDs per
 * client address and period. Immutable; built by {@link #builder()}, which validates.
 *
 * <pre>{@code
 * IdHttpAccess access = IdHttpAccess.builder()
 *         .token(System.getenv("ID_TOKEN"))          // clients send Authorization: Bearer <token>
 *         .perClientLimit(50_000, Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 *
 * Neither replaces network isolation: the endpoint belongs on the unit's internal network only.
 */
public final class IdHttpAccess {

    /** No token, no limit: anyone who can reach the port draws IDs (loopback or an isolated network only). */
    public static final IdHttpAccess OPEN = new IdHttpAccess(List.of(), 0, Duration.ofSeconds(1));

    /** The shortest token accepted: a shared secret must not be guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final List<byte[]> tokenDigests;
    private final int limitPerPeriod;
    private final Duration period;

    private IdHttpAccess(List<byte[]> tokenDigests, int limitPerPeriod, Duration period) {
        this.tokenDigests = tokenDigests;
        this.limitPerPeriod = limitPerPeriod;
        this.period = period;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether requests must carry one of the tokens. */
    public boolean requiresToken() {
        return !tokenDigests.isEmpty();
    }

    /** Whether {@code presented} is one of the tokens (compared in constant time, by digest). */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] d = digest(presented);
        boolean ok = false;
        for (byte[] t : tokenDigests) {
            ok |= MessageDigest.isEqual(t, d);
        }
        return ok;
    }

    /** IDs one client address may draw per {@link #period()}; 0 = no limit. */
    public int limitPerPeriod() {
        return limitPerPeriod;
    }

    public Duration period() {
        return period;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds an {@link IdHttpAccess}; every refusal names the setting and the value. */
    public static final class Builder {
        private final List<byte[]> tokens = new ArrayList<>();
        private int limit;
        private Duration period = Duration.ofSeconds(1);

        private Builder() {
        }

        /** Accept this bearer token (call again for a second one while rotating). */
        public Builder token(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("UNITIZE-ID-042 an ID service token must not be empty");
            }
            if (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("UNITIZE-ID-042 an ID service token must be at least " + MIN_TOKEN_LENGTH
                        + " printable ASCII characters without spaces, but one has " + token.length() + " characters"
                        + (token.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "" : " and a space or non-ASCII character"));
            }
            tokens.add(digest(token));
            return this;
        }

        /** Accept each of these bearer tokens. */
        public Builder tokens(List<String> list) {
            list.forEach(this::token);
            return this;
        }

        /** At most {@code ids} IDs per client address per {@code period} (0 = no limit). */
        public Builder perClientLimit(int ids, Duration period) {
            if (ids < 0) {
                throw new IllegalArgumentException("UNITIZE-ID-043 the per-client limit must be >= 0 IDs (0 = none), but was " + ids);
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("UNITIZE-ID-043 the per-client limit's period must be > 0, but was " + period);
            }
            this.limit = ids;
            this.period = period;
            return this;
        }

        public IdHttpAccess build() {
            return new IdHttpAccess(List.copyOf(tokens), limit, period);
        }
    }
}
