package io.unitize.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuyerIdExtractorTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
    private final BearerTokenVerifier jwt = BearerTokenVerifier.builder().hmacSecret(KEY).clock(NOW).leeway(Duration.ofSeconds(30)).build();

    /** Multi-valued request parts; a single value per name unless a list is given. */
    record Req(Map<String, List<String>> headers, Map<String, List<String>> cookies, Map<String, List<String>> query, String rawPath)
            implements RequestView {

        static Req of(Map<String, String> headers, Map<String, String> cookies, Map<String, String> query, String path) {
            return new Req(one(headers), one(cookies), one(query), path);
        }

        private static Map<String, List<String>> one(Map<String, String> m) {
            Map<String, List<String>> r = new java.util.HashMap<>();
            m.forEach((k, v) -> r.put(k, List.of(v)));
            return r;
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public List<String> cookies(String name) {
            return cookies.getOrDefault(name, List.of());
        }

        @Override
        public List<String> queryParams(String name) {
            return query.getOrDefault(name, List.of());
        }
    }

    static String hs256(byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT t = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        t.sign(new MACSigner(key));
        return t.serialize();
    }

    private static String token(String sub, long exp) throws Exception {
        return hs256(KEY, new JWTClaimsSet.Builder().subject(sub).expirationTime(new Date(exp * 1000)).build());
    }

    private BuyerIdExtractor all() {
        return new BuyerIdExtractor(List.of(BuyerIdSource.parse("header:X-Buyer-Id"), BuyerIdSource.parse("cookie:buyer_id"),
                BuyerIdSource.parse("query:buyerId"), BuyerIdSource.parse("path:/api/buyers/{buyerId}/**"), BuyerIdSource.parse("jwt:sub")), jwt);
    }

    @Test
    void everySourceIsRead() throws Exception {
        assertThat(all().extract(Req.of(Map.of("X-Buyer-Id", "7"), Map.of(), Map.of(), "/"))).isEqualTo(7L);
        assertThat(all().extract(Req.of(Map.of(), Map.of("buyer_id", "8"), Map.of(), "/"))).isEqualTo(8L);
        assertThat(all().extract(Req.of(Map.of(), Map.of(), Map.of("buyerId", "9"), "/"))).isEqualTo(9L);
        assertThat(all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/10/orders/3"))).isEqualTo(10L);
        assertThat(all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/11"))).isEqualTo(11L);
        assertThat(all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/sellers/11"))).isNull();
        assertThat(all().extract(Req.of(Map.of("Authorization", "Bearer " + token("12", 1_000_100)), Map.of(), Map.of(), "/"))).isEqualTo(12L);
        assertThat(all().extract(Req.of(Map.of("X-Buyer-Id", ""), Map.of(), Map.of(), "/"))).as("an empty value counts as absent").isNull();
        assertThat(all().extract(Req.of(Map.of("X-Buyer-Id", "0042"), Map.of(), Map.of("buyerId", "42"), "/"))).as("one buyer").isEqualTo(42L);
        assertThat(all().extract(Req.of(Map.of("X-Buyer-Id", "9223372036854775807"), Map.of(), Map.of(), "/"))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onlyAsciiDigitsWithin64BitsAreABuyerIdInEverySource() {
        for (String bad : List.of("\u0667\u0660\u0664\u0662", "\uff14\uff12", "+42", "-42", " 42", "4 2", "42,43", "1e3", "0x2a",
                "9223372036854775808", "99999999999999999999", "%34%32")) {
            for (Req r : List.of(Req.of(Map.of("X-Buyer-Id", bad), Map.of(), Map.of(), "/"), Req.of(Map.of(), Map.of("buyer_id", bad), Map.of(), "/"),
                    Req.of(Map.of(), Map.of(), Map.of("buyerId", bad), "/"))) {
                assertThatThrownBy(() -> all().extract(r)).as(bad).isInstanceOf(InvalidBuyerIdException.class)
                        .hasMessageContaining("must be ASCII digits 0-9 (at most 19, a value within 64 bits)");
            }
        }
        assertThatThrownBy(() -> all().extract(Req.of(Map.of(), Map.of(), Map.of("buyerId", "\u0667\u0660\u0664\u0662"), "/")))
                .hasMessage("UNITIZE-GW-011 buyer id from query:buyerId must be ASCII digits 0-9 (at most 19, a value within 64 bits), "
                        + "but was '\\u0667\\u0660\\u0664\\u0662'");
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("X-Buyer-Id", "x".repeat(500)), Map.of(), Map.of(), "/")))
                .hasMessageContaining("(500 characters, first 64 shown)");
    }

    @Test
    void aPathSegmentIsDecodedOnceAndAMalformedEscapeIsRefused() {
        assertThat(all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/%35042/orders"))).isEqualTo(5042L);
        assertThatThrownBy(() -> all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/%2535042/orders")))
                .isInstanceOf(InvalidBuyerIdException.class).hasMessageContaining("'%35042'");
        assertThatThrownBy(() -> all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/%zz/orders")))
                .isInstanceOf(InvalidBuyerIdException.class).hasMessageContaining("valid percent-encoding");
        assertThatThrownBy(() -> all().extract(Req.of(Map.of(), Map.of(), Map.of(), "/api/buyers/%D9%A7/orders")))
                .isInstanceOf(InvalidBuyerIdException.class).hasMessageContaining("path:/api/buyers/{buyerId}/**");
    }

    @Test
    void twoDifferentBuyersInOneRequestAreRefusedNamingBoth() throws Exception {
        Req twoHeaders = new Req(Map.of("X-Buyer-Id", List.of("42", "5042")), Map.of(), Map.of(), "/");
        assertThatThrownBy(() -> all().extract(twoHeaders)).isInstanceOf(ConflictingBuyerIdException.class)
                .hasMessage("UNITIZE-GW-012 the request names more than one buyer: header:X-Buyer-Id says 42, header:X-Buyer-Id says 5042; "
                        + "send one buyer id (the same value wherever it appears)");
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("X-Buyer-Id", "42"), Map.of(), Map.of("buyerId", "43"), "/")))
                .isInstanceOf(ConflictingBuyerIdException.class).hasMessageContaining("header:X-Buyer-Id says 42, query:buyerId says 43");
        assertThatThrownBy(() -> all().extract(new Req(Map.of(), Map.of("buyer_id", List.of("1", "2")), Map.of(), "/")))
                .isInstanceOf(ConflictingBuyerIdException.class);
        String t = token("12", 1_000_100);
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("X-Buyer-Id", "13", "Authorization", "Bearer " + t), Map.of(), Map.of(), "/")))
                .as("a header naming another buyer than the verified token").isInstanceOf(ConflictingBuyerIdException.class)
                .hasMessageContaining("jwt:sub says 12");
        assertThat(new Req(Map.of("X-Buyer-Id", List.of("42", "42")), Map.of(), Map.of(), "/")).satisfies(r -> assertThat(all().extract(r))
                .isEqualTo(42L));
    }

    @Test
    void badTokensAreRefusedTypedEvenWhenAnotherSourceCarriesTheBuyer() throws Exception {
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("Authorization", "Bearer " + token("12", 999_000)), Map.of(), Map.of(), "/")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("Expired JWT");
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("X-Buyer-Id", "12", "Authorization", "Bearer not-a-token"), Map.of(), Map.of(), "/")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> all().extract(new Req(Map.of("Authorization", List.of("Bearer a", "Bearer b")), Map.of(), Map.of(), "/")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("more than one Authorization header");
        String notDigits = hs256(KEY, new JWTClaimsSet.Builder().subject("x12").expirationTime(new Date(1_000_100_000L)).build());
        assertThatThrownBy(() -> all().extract(Req.of(Map.of("Authorization", "Bearer " + notDigits), Map.of(), Map.of(), "/")))
                .isInstanceOf(InvalidBuyerIdException.class).hasMessageContaining("jwt:sub");
    }

    @Test
    void badSourceSpecsAndKeysAreRefusedNamingThem() {
        assertThatThrownBy(() -> BuyerIdSource.parse("header")).hasMessageContaining("must be kind:name").hasMessageContaining("'header'");
        assertThatThrownBy(() -> BuyerIdSource.parse("body:buyer")).hasMessageContaining("kind must be one of header, cookie, query, path, jwt, but was 'body'");
        assertThatThrownBy(() -> BuyerIdSource.parse("path:/api/buyers/{id}")).hasMessageContaining("needs a {buyerId} segment");
        assertThatThrownBy(() -> new BuyerIdExtractor(List.of(BuyerIdSource.parse("jwt:sub")), null)).hasMessageContaining("needs token keys");
        assertThatThrownBy(() -> BearerTokenVerifier.builder().hmacSecret("short".getBytes(StandardCharsets.UTF_8)).build())
                .hasMessageContaining("at least 32 bytes");
    }
}
