package io.unitize.shop.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuyerTokenVerifierTest {

    static final String KEY = "a-test-key-of-at-least-32-bytes-long!";
    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    final BuyerTokenVerifier verifier = new BuyerTokenVerifier(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    static String token(String key, String sub, Instant exp, JWSAlgorithm alg) throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().subject(sub);
        if (exp != null) {
            c.expirationTime(Date.from(exp));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), c.build());
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void theSubjectOfAValidTokenIsTheBuyer() throws Exception {
        assertThat(verifier.buyerOf(token(KEY, "7042", NOW.plusSeconds(60), JWSAlgorithm.HS256))).isEqualTo(7042);
    }

    @Test
    void badTokensAreRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> verifier.buyerOf(token("another-key-of-at-least-32-bytes-long", "7042", NOW.plusSeconds(60), JWSAlgorithm.HS256)))
                .isInstanceOf(BuyerTokenRefusedException.class).hasMessageContaining("signature does not verify");
        assertThatThrownBy(() -> verifier.buyerOf(token(KEY, "7042", NOW.minusSeconds(120), JWSAlgorithm.HS256)))
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.buyerOf(token(KEY, "7042", null, JWSAlgorithm.HS256))).hasMessageContaining("no expiry");
        assertThatThrownBy(() -> verifier.buyerOf(token(KEY + KEY, "7042", NOW.plusSeconds(60), JWSAlgorithm.HS512)))
                .hasMessageContaining("HS256 only");
        assertThatThrownBy(() -> verifier.buyerOf(token(KEY, "٧٠٤٢", NOW.plusSeconds(60), JWSAlgorithm.HS256)))
                .hasMessageContaining("ASCII digits");
        assertThatThrownBy(() -> verifier.buyerOf("Bearer " + new PlainJWT(new JWTClaimsSet.Builder().subject("7042").build()).serialize()))
                .isInstanceOf(BuyerTokenRefusedException.class).hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> verifier.buyerOf("Basic b3A6cHc=")).hasMessageContaining("not a bearer token");
    }

    @Test
    void aShortSecretIsRefusedAtStartup() {
        assertThatThrownBy(() -> new BuyerTokenVerifier("short", Clock.systemUTC())).hasMessageContaining("UNITIZE-SHOP-002");
    }
}
