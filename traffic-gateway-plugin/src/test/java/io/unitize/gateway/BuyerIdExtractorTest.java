package io.unitize.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuyerIdExtractorTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
    private final HmacJwtVerifier jwt = new HmacJwtVerifier(KEY, NOW, Duration.ofSeconds(30));

    private record Req(Map<String, String> headers, Map<String, String> cookies, Map<String, String> query, String path) implements RequestView {
        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }

        @Override
        public String queryParam(String name) {
            return query.get(name);
        }
    }

    private String token(String alg, String payloadJson) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String h = e.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
        String p = e.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return h + "." + p + "." + e.encodeToString(jwt.sign(h + "." + p));
    }

    private BuyerIdExtractor all() {
        return new BuyerIdExtractor(List.of(BuyerIdSource.parse("header:X-Buyer-Id"), BuyerIdSource.parse("cookie:buyer_id"),
                BuyerIdSource.parse("query:buyerId"), BuyerIdSource.parse("path:/api/buyers/{buyerId}/**"), BuyerIdSource.parse("jwt:sub")), jwt);
    }

    @Test
    void sourcesAreTriedInOrder() {
        assertThat(all().extract(new Req(Map.of("X-Buyer-Id", "7"), Map.of("buyer_id", "8"), Map.of(), "/"))).isEqualTo(7L);
        assertThat(all().extract(new Req(Map.of(), Map.of("buyer_id", "8"), Map.of("buyerId", "9"), "/"))).isEqualTo(8L);
        assertThat(all().extract(new Req(Map.of(), Map.of(), Map.of("buyerId", "9"), "/"))).isEqualTo(9L);
        assertThat(all().extract(new Req(Map.of(), Map.of(), Map.of(), "/api/buyers/10/orders/3"))).isEqualTo(10L);
        assertThat(all().extract(new Req(Map.of(), Map.of(), Map.of(), "/api/buyers/11"))).isEqualTo(11L);
        assertThat(all().extract(new Req(Map.of(), Map.of(), Map.of(), "/api/sellers/11"))).isNull();
        assertThat(all().extract(new Req(Map.of("Authorization", "Bearer " + token("HS256", "{\"sub\":\"12\",\"exp\":1000100}")),
                Map.of(), Map.of(), "/"))).isEqualTo(12L);
    }

    @Test
    void badTokensAndValuesAreRefusedTyped() {
        assertThatThrownBy(() -> all().extract(new Req(Map.of("Authorization", "Bearer " + token("HS256", "{\"sub\":\"12\",\"exp\":999000}")),
                Map.of(), Map.of(), "/"))).isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired at 999000");
        assertThatThrownBy(() -> all().extract(new Req(Map.of("Authorization", "Bearer " + token("none", "{\"sub\":\"12\"}")),
                Map.of(), Map.of(), "/"))).isInstanceOf(InvalidTokenException.class).hasMessageContaining("algorithm none not accepted");
        assertThatThrownBy(() -> all().extract(new Req(Map.of("Authorization", "Bearer " + token("HS256", "{\"uid\":\"12\"}")),
                Map.of(), Map.of(), "/"))).isInstanceOf(InvalidTokenException.class).hasMessageContaining("no claim 'sub'");
        assertThatThrownBy(() -> all().extract(new Req(Map.of("X-Buyer-Id", "x1"), Map.of(), Map.of(), "/")))
                .isInstanceOf(InvalidBuyerIdException.class).hasMessageContaining("header:X-Buyer-Id must be a number, but was 'x1'");
        assertThat(all().extract(new Req(Map.of("Authorization", "Bearer " + token("HS256", "{\"sub\":\"12\",\"nbf\":1000020}")),
                Map.of(), Map.of(), "/"))).as("nbf within the leeway").isEqualTo(12L);
    }

    @Test
    void badSourceSpecsAndKeysAreRefusedNamingThem() {
        assertThatThrownBy(() -> BuyerIdSource.parse("header")).hasMessageContaining("must be kind:name").hasMessageContaining("'header'");
        assertThatThrownBy(() -> BuyerIdSource.parse("body:buyer")).hasMessageContaining("kind must be one of header, cookie, query, path, jwt, but was 'body'");
        assertThatThrownBy(() -> BuyerIdSource.parse("path:/api/buyers/{id}")).hasMessageContaining("needs a {buyerId} segment");
        assertThatThrownBy(() -> new BuyerIdExtractor(List.of(BuyerIdSource.parse("jwt:sub")), null)).hasMessageContaining("needs the JWT key");
        assertThatThrownBy(() -> new HmacJwtVerifier("short".getBytes(StandardCharsets.UTF_8), NOW, Duration.ZERO))
                .hasMessageContaining("at least 32 bytes");
    }
}
