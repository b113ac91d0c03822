package io.unitize.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a bearer JSON Web Token with Nimbus JOSE+JWT and reads one claim: HS256 with a shared
 * secret, RS256/ES256 with the public keys of a JWK set (a file, or a URL fetched, cached and
 * refreshed by Nimbus); {@code exp} required unless turned off, {@code nbf} checked when present,
 * both with a leeway; {@code iss} and {@code aud} checked when configured. Anything else — another
 * algorithm, an unsigned or encrypted token, a bad signature, an expired token — is an
 * {@link InvalidTokenException}; keys that cannot be fetched are a {@link TokenKeysUnavailableException}.
 */
public final class BearerTokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Set<JWSAlgorithm> algorithms;

    private BearerTokenVerifier(Builder b) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        JWSKeySelector<SecurityContext> hmac = null;
        JWSKeySelector<SecurityContext> keys = null;
        if (b.secret != null) {
            if (b.secret.length < 32) {
                throw new IllegalArgumentException("the JWT secret must have at least 32 bytes (256 bits) for HS256, but has " + b.secret.length);
            }
            hmac = new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(b.secret));
            algs.add(JWSAlgorithm.HS256);
        }
        if (b.jwkSource != null) {
            keys = new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), b.jwkSource);
            algs.add(JWSAlgorithm.RS256);
            algs.add(JWSAlgorithm.ES256);
        }
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("a bearer token verifier needs a key: an HS256 secret or a JWK set (file or URL)");
        }
        this.algorithms = Set.copyOf(algs);
        JWSKeySelector<SecurityContext> hmacKeys = hmac;
        JWSKeySelector<SecurityContext> publicKeys = keys;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector((header, ctx) -> JWSAlgorithm.HS256.equals(header.getAlgorithm())
                ? hmacKeys.selectJWSKeys(header, ctx) : publicKeys.selectJWSKeys(header, ctx));
        Set<String> required = new HashSet<>();
        if (b.requireExpiration) {
            required.add("exp");
        }
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (b.issuer != null) {
            exact.issuer(b.issuer);
        }
        Clock clock = b.clock;
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(b.audiences.isEmpty() ? null : new HashSet<>(b.audiences),
                exact.build(), required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, b.leeway.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The algorithms accepted (HS256 with a secret; RS256 and ES256 with a JWK set). */
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** The claim's value as text (a string or an integral number), after the token was verified. */
    public String claim(String token, String claim) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT (header.payload.signature): " + e.getMessage());
        }
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + header.getAlgorithm() + " not accepted, only " + names());
        }
        JWTClaimsSet set;
        try {
            set = processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new TokenKeysUnavailableException(e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        Object value = set.getClaim(claim);
        if (value == null) {
            throw new InvalidTokenException("no claim '" + claim + "'");
        }
        if (value instanceof String || value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        throw new InvalidBuyerIdException("jwt:" + claim, String.valueOf(value), "must be a string or integer of ASCII digits");
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (JWSAlgorithm a : List.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
            if (algorithms.contains(a)) {
                n.add(a.getName());
            }
        }
        return n;
    }

    /** Immutable settings, validated when built. */
    public static final class Builder {
        private byte[] secret;
        private JWKSource<SecurityContext> jwkSource;
        private String issuer;
        private final List<String> audiences = new ArrayList<>();
        private boolean requireExpiration = true;
        private Duration leeway = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        /** HS256 with this secret (at least 32 bytes). */
        public Builder hmacSecret(byte[] secret) {
            this.secret = secret.clone();
            return this;
        }

        /** RS256/ES256 with the public keys of this JWK set (a file read once). */
        public Builder jwkSet(JWKSet keys) {
            this.jwkSource = new ImmutableJWKSet<>(keys.toPublicJWKSet());
            return this;
        }

        /** RS256/ES256 with the keys at this URL: fetched on first use, cached, refreshed ahead of expiry, rate-limited (Nimbus defaults). */
        public Builder jwkSetUrl(URL url) {
            this.jwkSource = JWKSourceBuilder.create(url).retrying(true).refreshAheadCache(true).build();
            return this;
        }

        /** {@code iss} must equal this (null: not checked). */
        public Builder issuer(String issuer) {
            this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
            return this;
        }

        /** {@code aud} must contain one of these (empty: not checked). */
        public Builder audiences(List<String> audiences) {
            this.audiences.clear();
            audiences.stream().filter(a -> a != null && !a.isBlank()).forEach(this.audiences::add);
            return this;
        }

        public Builder requireExpiration(boolean require) {
            this.requireExpiration = require;
            return this;
        }

        /** Clock skew tolerated for {@code exp} and {@code nbf}. */
        public Builder leeway(Duration leeway) {
            if (leeway == null || leeway.isNegative()) {
                throw new IllegalArgumentException("jwt leeway must be >= 0, but was " + leeway);
            }
            this.leeway = leeway;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public BearerTokenVerifier build() {
            return new BearerTokenVerifier(this);
        }
    }
}
