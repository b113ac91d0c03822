package io.unitize.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Verifies an HS256 JSON Web Token (signature with the configured key, {@code exp} and {@code nbf}
 * with a leeway) and reads one claim. Anything else — another algorithm, a bad signature, an expired
 * token — is an {@link InvalidTokenException}.
 */
public final class HmacJwtVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration leeway;

    public HmacJwtVerifier(byte[] secret, Clock clock, Duration leeway) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT key must have at least 32 bytes (256 bits) for HS256, but has " + secret.length);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.leeway = leeway;
    }

    /** The claim's value as text, after the token was verified. */
    public String claim(String token, String claim) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWT (expected header.payload.signature)");
        }
        JsonNode header = json(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw new InvalidTokenException("algorithm " + header.path("alg").asText() + " not accepted, only HS256");
        }
        byte[] expected = sign(parts[0] + "." + parts[1]);
        byte[] actual;
        try {
            actual = B64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new InvalidTokenException("signature does not match the configured key");
        }
        JsonNode payload = json(parts[1], "payload");
        long now = clock.instant().getEpochSecond();
        if (payload.has("exp") && now > payload.get("exp").asLong() + leeway.toSeconds()) {
            throw new InvalidTokenException("expired at " + payload.get("exp").asLong() + " (now " + now + ")");
        }
        if (payload.has("nbf") && now + leeway.toSeconds() < payload.get("nbf").asLong()) {
            throw new InvalidTokenException("not valid before " + payload.get("nbf").asLong() + " (now " + now + ")");
        }
        JsonNode value = payload.get(claim);
        if (value == null || value.isNull()) {
            throw new InvalidTokenException("no claim '" + claim + "'");
        }
        return value.asText();
    }

    /** Signs {@code headerDotPayload} (both base64url) — also what tests use to mint tokens. */
    public byte[] sign(String headerDotPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(headerDotPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static JsonNode json(String part, String what) {
        try {
            return JSON.readTree(B64.decode(part));
        } catch (Exception e) {
            throw new InvalidTokenException(what + " is not base64url JSON");
        }
    }
}
