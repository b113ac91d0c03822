package io.unitize.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signs and verifies the gateway-to-gateway hop: an HMAC-SHA256, with a shared secret, over
 * <pre>
 * unitize-hop-v1 \n keyId \n fromUnit \n toUnit \n METHOD \n rawPath[?rawQuery] \n buyerId|- \n rulesVersion \n timestampMillis \n nonce
 * </pre>
 * sent as {@code X-Unitize-Hop-Signature: kid=<keyId>;ts=<millis>;nonce=<base64url>;sig=<base64url>}.
 * A receiver accepts it when the key id is one of its accepted keys (current and previous, for
 * rotation), the timestamp is within the replay window of its clock, the signature matches what it
 * computes from the request as it arrived, and the nonce has not been seen within the window.
 */
public final class HopAuthenticator {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_HEADER = 256;

    private final Map<String, ThreadLocal<Mac>> macs = new LinkedHashMap<>();
    private final String signingKeyId;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Boolean> seenNonces;

    /**
     * @param accepted         the accepted keys (one or two: the current and the previous or next one)
     * @param signingKeyId     the key this gateway signs with (one of {@code accepted})
     * @param replayWindow     how far a hop's timestamp may be from this clock, either way
     * @param maxTrackedNonces how many nonces are remembered (for the window) to refuse replays
     */
    public HopAuthenticator(List<HopKey> accepted, String signingKeyId, Duration replayWindow, int maxTrackedNonces, Clock clock) {
        if (accepted.isEmpty() || accepted.size() > 2) {
            throw new IllegalArgumentException("hop keys: give one or two (the current key and, while rotating, the previous or next one), "
                    + "but got " + accepted.size());
        }
        for (HopKey k : accepted) {
            if (macs.containsKey(k.id())) {
                throw new IllegalArgumentException("hop keys: the key id '" + k.id() + "' is given twice");
            }
            SecretKeySpec spec = new SecretKeySpec(k.secret(), "HmacSHA256");
            macs.put(k.id(), ThreadLocal.withInitial(() -> mac(spec)));
        }
        if (!macs.containsKey(signingKeyId)) {
            throw new IllegalArgumentException("hop signing key id '" + signingKeyId + "' is not one of the hop keys " + macs.keySet());
        }
        if (replayWindow == null || replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalArgumentException("hop replay window must be > 0, but was " + replayWindow);
        }
        if (maxTrackedNonces < 1000) {
            throw new IllegalArgumentException("hop max tracked nonces must be >= 1000, but was " + maxTrackedNonces);
        }
        this.signingKeyId = signingKeyId;
        this.window = replayWindow;
        this.clock = clock;
        this.seenNonces = Caffeine.newBuilder().expireAfterWrite(replayWindow.multipliedBy(2)).maximumSize(maxTrackedNonces).build();
    }

    /** The value of {@code X-Unitize-Hop-Signature} for a hop this gateway forwards. */
    public String sign(String from, String to, String method, String pathAndQuery, Long buyerId, long rulesVersion) {
        long ts = clock.millis();
        byte[] n = new byte[16];
        ThreadLocalRandom.current().nextBytes(n);
        String nonce = B64.encodeToString(n);
        byte[] sig = hmac(signingKeyId, canonical(signingKeyId, from, to, method, pathAndQuery, buyer(buyerId), Long.toString(rulesVersion),
                Long.toString(ts), nonce));
        return "kid=" + signingKeyId + ";ts=" + ts + ";nonce=" + nonce + ";sig=" + B64.encodeToString(sig);
    }

    /**
     * @param signature     the {@code X-Unitize-Hop-Signature} value received (null: none)
     * @param from          the claimed sender ({@code X-Unitize-Forwarded-By})
     * @param to            this gateway's unit
     * @param rulesVersion  the claimed sender rules version, as received
     */
    public HopVerdict verify(String signature, String from, String to, String method, String pathAndQuery, Long buyerId, String rulesVersion) {
        if (signature == null) {
            return HopVerdict.refused("no hop signature");
        }
        if (from == null || rulesVersion == null) {
            return HopVerdict.refused("hop signature without X-Unitize-Forwarded-By and X-Unitize-Rules-Version");
        }
        if (signature.length() > MAX_HEADER) {
            return HopVerdict.refused("hop signature longer than " + MAX_HEADER + " characters");
        }
        Map<String, String> f = fields(signature);
        if (f == null) {
            return HopVerdict.refused("malformed hop signature (expected kid=..;ts=..;nonce=..;sig=..)");
        }
        String kid = f.get("kid");
        if (!macs.containsKey(kid)) {
            return HopVerdict.refused("unknown hop key id " + Printable.quote(kid) + " (accepted: " + String.join(", ", macs.keySet()) + ")");
        }
        long ts;
        try {
            ts = Long.parseLong(f.get("ts"));
        } catch (NumberFormatException e) {
            return HopVerdict.refused("hop timestamp is not a number");
        }
        long now = clock.millis();
        if (Math.abs(now - ts) > window.toMillis()) {
            return HopVerdict.refused("hop timestamp " + ts + " is outside the replay window of " + window.toSeconds() + " s (now " + now
                    + "): a replay, or the gateways' clocks differ");
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(f.get("sig"));
        } catch (IllegalArgumentException e) {
            return HopVerdict.refused("hop signature is not base64url");
        }
        byte[] expected = hmac(kid, canonical(kid, from, to, method, pathAndQuery, buyer(buyerId), rulesVersion, f.get("ts"), f.get("nonce")));
        if (!MessageDigest.isEqual(expected, given)) {
            return HopVerdict.refused("hop signature does not match (key " + kid + "): another secret, or the request was changed on the way");
        }
        if (seenNonces.asMap().putIfAbsent(kid + ":" + f.get("nonce"), Boolean.TRUE) != null) {
            return HopVerdict.refused("hop nonce already seen within the replay window: a replay");
        }
        return HopVerdict.OK;
    }

    private static Map<String, String> fields(String header) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : header.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String k = part.substring(0, eq).trim();
            if (f.put(k, part.substring(eq + 1).trim()) != null) {
                return null;
            }
        }
        for (String k : List.of("kid", "ts", "nonce", "sig")) {
            String v = f.get(k);
            if (v == null || v.isEmpty()) {
                return null;
            }
        }
        return f.size() == 4 ? f : null;
    }

    private static String buyer(Long buyerId) {
        return buyerId == null ? "-" : Long.toString(buyerId);
    }

    private static String canonical(String kid, String from, String to, String method, String pathAndQuery, String buyer, String version,
                                    String ts, String nonce) {
        return String.join("\n", "unitize-hop-v1", kid, from, to, method, pathAndQuery, buyer, version, ts, nonce);
    }

    private byte[] hmac(String kid, String text) {
        Mac mac = macs.get(kid).get();
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The accepted key ids, the signing one first. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        ids.add(signingKeyId);
        macs.keySet().stream().filter(k -> !k.equals(signingKeyId)).forEach(ids::add);
        return ids;
    }
}
