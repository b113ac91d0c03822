package io.unitize.gateway.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayDecision;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real gateways (the module's runnable Spring Cloud Gateway application), one per sandbox unit,
 * each with its unit's backend on loopback and its rules from its unit's Nacos. center owns slots
 * 0-4999, unit-b 5000-9999 (slot = buyerId mod 10,000).
 */
@SandboxServers(ServerKind.NACOS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingIT {

    private static final String CHANNEL = "gw-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final RSAKey IDP_KEY;

    static {
        try {
            IDP_KEY = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer idp;
    private static RulesPublisher publisher;
    private static Backend backendCenter;
    private static Backend backendB;
    private static ConfigurableApplicationContext gwCenter;
    private static ConfigurableApplicationContext gwB;
    private static String urlCenter;
    private static String urlB;

    static UnitRules rules(long version, int centerTo, int frozenFrom, int frozenTo) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("gateway IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", urlCenter)))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", urlB)));
        if (centerTo < 4999) {
            b.route(0, centerTo, "unit-b").route(centerTo + 1, 4999, "center");
        } else {
            b.route(0, 4999, "center");
        }
        b.route(5000, 9999, "unit-b");
        if (frozenFrom >= 0) {
            b.freeze(frozenFrom, frozenTo);
        }
        return b.build();
    }

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        int gwCenterPort = Gateways.freePort();
        int gwBPort = Gateways.freePort();
        urlCenter = "http://127.0.0.1:" + gwCenterPort;
        urlB = "http://127.0.0.1:" + gwBPort;
        backendCenter = new Backend("center", Gateways.freePort());
        backendB = new Backend("unit-b", Gateways.freePort());
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        publisher = pb.build();
        publisher.publish(rules(1, 4999, -1, -1));
        idp = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        byte[] jwks = new JWKSet(IDP_KEY).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        idp.createContext("/jwks.json", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, jwks.length);
                ex.getResponseBody().write(jwks);
            }
        });
        idp.start();
        String jwksUri = "--unitize.gateway.jwt.jwk-set-uri=http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json";
        gwCenter = Gateways.start(center, gwCenterPort, backendCenter.port(), CHANNEL, jwksUri);
        gwB = Gateways.start(b, gwBPort, backendB.port(), CHANNEL, jwksUri);
        awaitVersion(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gwCenter != null) {
            gwCenter.close();
        }
        if (gwB != null && gwB.isActive()) {
            gwB.close();
        }
        backendCenter.close();
        backendB.close();
        publisher.close();
        idp.stop(0);
    }

    private static void awaitVersion(long v) throws InterruptedException {
        for (ConfigurableApplicationContext gw : new ConfigurableApplicationContext[]{gwCenter, gwB}) {
            RulesSubscriber rules = gw.getBean(RulesSubscriber.class);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (rules.appliedVersion() < v) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gateway of " + rules.unit() + " did not apply version " + v);
                }
                Thread.sleep(50);
            }
        }
    }

    private static HttpResponse<String> get(String base, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String base, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String jwt(Object sub, long exp) throws Exception {
        SignedJWT t = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(sub.toString())
                .expirationTime(new java.util.Date(exp * 1000)).build());
        t.sign(new MACSigner(Gateways.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return t.serialize();
    }

    /** An RS256 token signed by the identity provider's key (whose public half the gateways fetch from its JWK set URL). */
    static String rs256(Object sub, long exp) throws Exception {
        SignedJWT t = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(IDP_KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(sub.toString()).issuer("https://idp.it").expirationTime(new java.util.Date(exp * 1000)).build());
        t.sign(new RSASSASigner(IDP_KEY));
        return t.serialize();
    }

    @Test
    @Order(1)
    void buyersEnteringEitherGatewayReachOnlyTheirHomeBackendForwardedAtMostOnce() throws Exception {
        long centerBefore = backendCenter.requests.get();
        long bBefore = backendB.requests.get();
        int toCenter = 0;
        int toB = 0;
        for (long buyer = 1; buyer <= 60; buyer++) {
            long id = buyer * 173; // spread over both units' slots
            String home = id % 10_000 < 5_000 ? "center" : "unit-b";
            for (String entry : new String[]{urlCenter, urlB}) {
                HttpResponse<String> r = get(entry, "/api/orders", "X-Buyer-Id", Long.toString(id));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).as("buyer %d via %s", id, entry).isEqualTo("backend " + home);
                assertThat(r.headers().allValues("X-Unitize-Home-Unit")).as("one home header, from the home gateway").containsExactly(home);
                assertThat(r.headers().allValues("X-Unitize-Served-By")).containsExactly(home);
                assertThat(r.headers().firstValue("X-Unitize-Home-Gateway")).hasValue(home.equals("center") ? urlCenter : urlB);
                String entryUnit = entry.equals(urlCenter) ? "center" : "unit-b";
                assertThat(r.headers().firstValue("X-Seen-Forwarded-By"))
                        .as("the backend sees who forwarded").hasValue(entryUnit.equals(home) ? "-" : entryUnit);
                if (home.equals("center")) {
                    toCenter++;
                } else {
                    toB++;
                }
            }
        }
        assertThat(backendCenter.requests.get() - centerBefore).isEqualTo(toCenter);
        assertThat(backendB.requests.get() - bBefore).isEqualTo(toB);
        assertThat(gwCenter.getBean(DecisionCounters.class).of(GatewayDecision.Outcome.FORWARD)).isPositive();
        assertThat(gwCenter.getBean(DecisionCounters.class).of(GatewayDecision.Outcome.LOCAL)).isPositive();
    }

    @Test
    @Order(2)
    void theBuyerIsFoundInCookieQueryPathAndJwt() throws Exception {
        long inAnHour = Instant.now().getEpochSecond() + 3600;
        assertThat(get(urlCenter, "/api/cart", "Cookie", "buyer_id=5042").body()).isEqualTo("backend unit-b");
        assertThat(get(urlCenter, "/api/cart?buyerId=5043").body()).isEqualTo("backend unit-b");
        assertThat(get(urlCenter, "/api/buyers/5044/orders").body()).isEqualTo("backend unit-b");
        assertThat(get(urlB, "/api/buyers/44/orders").body()).isEqualTo("backend center");
        assertThat(get(urlCenter, "/api/cart", "Authorization", "Bearer " + jwt(5045, inAnHour)).body()).isEqualTo("backend unit-b");
        assertThat(get(urlB, "/api/cart", "Authorization", "Bearer " + jwt(45, inAnHour)).body()).isEqualTo("backend center");
        assertThat(get(urlCenter, "/api/cart", "Authorization", "Bearer " + rs256(5046, inAnHour)).body())
                .as("RS256, keys from the identity provider's JWK set URL").isEqualTo("backend unit-b");
        HttpResponse<String> noBuyer = get(urlB, "/api/catalog");
        assertThat(noBuyer.body()).as("no buyer: served locally").isEqualTo("backend unit-b");
        assertThat(noBuyer.headers().firstValue("X-Unitize-Home-Unit")).isEmpty();
        HttpResponse<String> notANumber = get(urlCenter, "/api/cart", "X-Buyer-Id", "abc");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("buyer id from header:X-Buyer-Id must be ASCII digits 0-9 (at most 19, a value within 64 bits), "
                + "but was 'abc'");
    }

    @Test
    @Order(3)
    void aBadOrExpiredJwtIs401AndReachesNoBackend() throws Exception {
        long before = backendCenter.requests.get() + backendB.requests.get();
        HttpResponse<String> expired = get(urlCenter, "/api/cart", "Authorization", "Bearer " + jwt(42, Instant.now().getEpochSecond() - 3600));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("Expired JWT");
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        String good = jwt(42, Instant.now().getEpochSecond() + 3600);
        String other = jwt(5042, Instant.now().getEpochSecond() + 3600);
        String tampered = good.substring(0, good.lastIndexOf('.')) + "." + other.substring(other.lastIndexOf('.') + 1);
        HttpResponse<String> badSig = get(urlB, "/api/cart", "Authorization", "Bearer " + tampered);
        assertThat(badSig.statusCode()).isEqualTo(401);
        assertThat(badSig.body()).contains("Invalid signature");
        HttpResponse<String> garbage = get(urlB, "/api/cart", "X-Buyer-Id", "42", "Authorization", "Bearer not-a-token");
        assertThat(garbage.statusCode()).as("a bad token is never ignored, even with another source present").isEqualTo(401);
        assertThat(backendCenter.requests.get() + backendB.requests.get()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRequestForwardedUnderOlderOrEqualRulesButNotHomedHereIsRefusedNeverBouncedBack() throws Exception {
        long before = backendCenter.requests.get() + backendB.requests.get();
        HttpResponse<String> skew = get(urlB, "/api/orders", "X-Buyer-Id", "42", "X-Unitize-Forwarded-By", "center",
                "X-Unitize-Rules-Version", "1", "X-Unitize-Hop-Signature", Gateways.hopSignature("center", "unit-b", "GET", "/api/orders", "42", 1));
        assertThat(skew.statusCode()).isEqualTo(503);
        assertThat(skew.body()).contains("homed in center").contains("not forwarded twice");
        assertThat(skew.headers().firstValue("X-Unitize-Home-Unit")).hasValue("center");
        assertThat(backendCenter.requests.get() + backendB.requests.get()).as("nothing served").isEqualTo(before);
        // the sender decided with newer rules (that say: unit-b): the newer rules win, served here
        HttpResponse<String> newer = get(urlB, "/api/orders", "X-Buyer-Id", "42", "X-Unitize-Forwarded-By", "center",
                "X-Unitize-Rules-Version", "999", "X-Unitize-Hop-Signature", Gateways.hopSignature("center", "unit-b", "GET", "/api/orders", "42", 999));
        assertThat(newer.body()).isEqualTo("backend unit-b");
        assertThat(newer.headers().firstValue("X-Unitize-Home-Unit")).hasValue("unit-b");
        assertThat(newer.headers().firstValue("X-Unitize-Home-Gateway")).as("no contradictory home headers").hasValue(urlB);
    }

    @Test
    @Order(5)
    void aRulesPushMovesARangeAndAFreezeRefusesWritesAtTheEdge() throws Exception {
        assertThat(get(urlB, "/api/orders", "X-Buyer-Id", "500").body()).isEqualTo("backend center");
        publisher.publish(rules(2, 999, 2000, 2999)); // slots 0-999 now in unit-b; 2000-2999 frozen
        awaitVersion(2);
        for (String entry : new String[]{urlCenter, urlB}) {
            HttpResponse<String> moved = get(entry, "/api/orders", "X-Buyer-Id", "500");
            assertThat(moved.body()).as("moved buyer via " + entry).isEqualTo("backend unit-b");
            assertThat(moved.headers().firstValue("X-Unitize-Home-Unit")).hasValue("unit-b");
            HttpResponse<String> frozenWrite = post(entry, "/api/orders", "X-Buyer-Id", "2500");
            assertThat(frozenWrite.statusCode()).isEqualTo(503);
            assertThat(frozenWrite.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(frozenWrite.headers().firstValue("Connection")).as("its body unread: the connection is closed").hasValue("close");
            assertThat(frozenWrite.body()).contains("buyer 2500 (slot 2500) is being moved").contains("rules version 2");
            assertThat(get(entry, "/api/orders", "X-Buyer-Id", "2500").body()).as("reads of a frozen buyer still served")
                    .isEqualTo("backend center");
        }
        assertThat(post(urlB, "/api/orders", "X-Buyer-Id", "3500").body()).as("a write of a buyer not frozen").isEqualTo("backend center");
    }

    @Test
    @Order(6)
    void theHomeGatewayDownIs503NamingTheUnitAndNothingIsServedElsewhere() throws Exception {
        // stop unit-b's gateway server (not its context: the two gateways of this JVM share Reactor Netty's global loops)
        ((org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext) gwB).getWebServer().stop();
        long centerBefore = backendCenter.requests.get();
        HttpResponse<String> r = get(urlCenter, "/api/orders", "X-Buyer-Id", "5042");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("the home unit unit-b").contains(urlB).contains("not served elsewhere");
        assertThat(r.headers().firstValue("Retry-After")).as("a 503 says when to come back").hasValue("2");
        assertThat(backendCenter.requests.get()).isEqualTo(centerBefore);
        assertThat(gwCenter.getBean(DecisionCounters.class).homeUnreachables()).isPositive();
        assertThat(get(urlCenter, "/api/orders", "X-Buyer-Id", "3042").body()).as("its own buyers still served").isEqualTo("backend center");
    }
}
