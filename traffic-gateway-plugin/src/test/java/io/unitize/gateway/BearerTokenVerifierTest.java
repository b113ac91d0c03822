package io.unitize.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenVerifierTest {

    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(2_000_000_000L), ZoneOffset.UTC);
    private static final Date IN_AN_HOUR = Date.from(NOW.instant().plusSeconds(3600));
    private static final RSAKey RSA;
    private static final ECKey EC;

    static {
        try {
            RSA = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            EC = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT t = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        t.sign(signer);
        return t.serialize();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("5042").expirationTime(IN_AN_HOUR);
    }

    private static BearerTokenVerifier.Builder withKeys() {
        return BearerTokenVerifier.builder().jwkSet(new JWKSet(List.of(RSA, EC))).clock(NOW);
    }

    @Test
    void rs256AndEs256TokensAreVerifiedWithTheJwkSet() throws Exception {
        BearerTokenVerifier v = withKeys().build();
        assertThat(v.claim(sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(RSA), claims().build()), "sub")).isEqualTo("5042");
        assertThat(v.claim(sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(EC), claims().build()), "sub")).isEqualTo("5042");
        RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertThatThrownBy(() -> v.claim(sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(other), claims().build()), "sub"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("Invalid signature");
        assertThatThrownBy(() -> v.claim(BuyerIdExtractorTest.hs256("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                claims().build()), "sub")).isInstanceOf(InvalidTokenException.class)
                .hasMessage("UNITIZE-GW-010 bearer token refused: algorithm HS256 not accepted, only [RS256, ES256]");
    }

    @Test
    void issuerAudienceExpiryAndNotBeforeAreCheckedAsConfigured() throws Exception {
        BearerTokenVerifier v = withKeys().issuer("https://idp.example").audiences(List.of("shop", "console")).build();
        RSASSASigner s = new RSASSASigner(RSA);
        assertThat(v.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, claims().issuer("https://idp.example").audience("shop").build()), "sub"))
                .isEqualTo("5042");
        assertThatThrownBy(() -> v.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, claims().issuer("https://evil").audience("shop").build()), "sub"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> v.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, claims().issuer("https://idp.example").audience("other").build()),
                "sub")).isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        BearerTokenVerifier plain = withKeys().build();
        assertThatThrownBy(() -> plain.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, new JWTClaimsSet.Builder().subject("1").build()), "sub"))
                .as("exp required by default").isInstanceOf(InvalidTokenException.class).hasMessageContaining("exp");
        assertThat(withKeys().requireExpiration(false).build().claim(sign(JWSAlgorithm.RS256, "rsa-1", s,
                new JWTClaimsSet.Builder().subject("1").build()), "sub")).isEqualTo("1");
        assertThatThrownBy(() -> plain.claim(sign(JWSAlgorithm.RS256, "rsa-1", s,
                claims().expirationTime(Date.from(NOW.instant().minusSeconds(31))).build()), "sub"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("Expired JWT");
        assertThat(plain.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, claims().expirationTime(Date.from(NOW.instant().minusSeconds(29))).build()),
                "sub")).as("within the leeway").isEqualTo("5042");
        assertThatThrownBy(() -> plain.claim(sign(JWSAlgorithm.RS256, "rsa-1", s,
                claims().notBeforeTime(Date.from(NOW.instant().plusSeconds(120))).build()), "sub"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("before use time");
        assertThat(plain.claim(sign(JWSAlgorithm.RS256, "rsa-1", s, claims().claim("uid", 77L).build()), "uid")).as("a numeric claim")
                .isEqualTo("77");
    }

    @Test
    void unsignedAndMalformedTokensAreRefused() {
        BearerTokenVerifier v = withKeys().build();
        String none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiI1MDQyIn0.";
        assertThatThrownBy(() -> v.claim(none, "sub")).isInstanceOf(InvalidTokenException.class).hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> v.claim("a.b", "sub")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> BearerTokenVerifier.builder().build()).hasMessageContaining("needs a key");
    }

    @Test
    void keysFromAJwkSetUrlAndAnUnreachableUrlIsNotTheClientsFault() throws Exception {
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        byte[] jwks = new JWKSet(List.of(RSA)).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        idp.createContext("/jwks.json", ex -> {
            try (ex) {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, jwks.length);
                ex.getResponseBody().write(jwks);
            }
        });
        idp.start();
        try {
            BearerTokenVerifier v = BearerTokenVerifier.builder().clock(NOW)
                    .jwkSetUrl(URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json").toURL()).build();
            assertThat(v.claim(sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(RSA), claims().build()), "sub")).isEqualTo("5042");
        } finally {
            idp.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        BearerTokenVerifier down = BearerTokenVerifier.builder().clock(NOW).jwkSetUrl(URI.create("http://127.0.0.1:" + closed + "/jwks.json").toURL())
                .build();
        assertThatThrownBy(() -> down.claim(sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(RSA), claims().build()), "sub"))
                .isInstanceOf(TokenKeysUnavailableException.class).hasMessageContaining("UNITIZE-GW-024");
    }
}
