package io.unitize.shop.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The buyer of a bearer token (HS256, the same shared secret as the gateway's
 * {@code unitize.gateway.jwt.secret}): the shop checks the token itself instead of trusting a header
 * the gateway routed by. The subject is the buyer id; an expiry is required. Anything else — another
 * algorithm, a bad signature, an expired or malformed token — is refused as
 * {@link BuyerTokenRefusedException} (401), and nothing is done.
 */
final class BuyerTokenVerifier {

    static final Duration LEEWAY = Duration.ofSeconds(30);

    private final MACVerifier verifier;
    private final Clock clock;

    BuyerTokenVerifier(String secret, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("UNITIZE-SHOP-002 shop.jwt.secret must be at least 32 bytes (HS256), but was " + key.length);
        }
        try {
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("UNITIZE-SHOP-002 shop.jwt.secret is not a usable HS256 key: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The buyer id in {@code Authorization: Bearer <token>}'s {@code sub}. */
    long buyerOf(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new BuyerTokenRefusedException("Authorization: not a bearer token");
        }
        String token = authorization.substring(7).trim();
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new BuyerTokenRefusedException("Authorization: algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted (HS256 only)");
            }
            if (!jwt.verify(verifier)) {
                throw new BuyerTokenRefusedException("Authorization: the token's signature does not verify");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new BuyerTokenRefusedException("Authorization: not a signed JWT (" + e.getMessage() + ")");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new BuyerTokenRefusedException("Authorization: the token has no expiry (exp)");
        }
        if (exp.toInstant().plus(LEEWAY).isBefore(now)) {
            throw new BuyerTokenRefusedException("Authorization: the token expired at " + exp.toInstant());
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(LEEWAY).isAfter(now)) {
            throw new BuyerTokenRefusedException("Authorization: the token is not valid before " + claims.getNotBeforeTime().toInstant());
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isEmpty() || !sub.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BuyerTokenRefusedException("Authorization: the token's subject must be the buyer id (ASCII digits)");
        }
        return Buyers.parseId("token sub", sub);
    }
}
