package io.unitize.gateway.it;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a careless client sends to a real gateway (issue 17 point 1, issue 27 points
 * 6 and 7 and the gateway half of its fuzz test), on raw sockets so that the bytes arrive as written.
 * Two gateways with the same hop keys; center owns slots 0-4999, unit-b 5000-9999.
 */
@SandboxServers(ServerKind.NACOS)
class GatewayRefusalIT {

    private static final String CHANNEL = "gw-refusal-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SecureRandom NONCES = new SecureRandom();

    private static RulesPublisher publisher;
    private static Backend backendCenter;
    private static Backend backendB;
    private static ConfigurableApplicationContext gwCenter;
    private static ConfigurableApplicationContext gwB;
    private static int portCenter;
    private static int portB;
    private static String urlCenter;
    private static String urlB;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        portCenter = Gateways.freePort();
        portB = Gateways.freePort();
        urlCenter = "http://127.0.0.1:" + portCenter;
        urlB = "http://127.0.0.1:" + portB;
        backendCenter = new Backend("center", Gateways.freePort());
        backendB = new Backend("unit-b", Gateways.freePort());
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr()));
        publisher = pb.build();
        publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("it").reason("gateway refusal IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", urlCenter)))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", urlB)))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
        gwCenter = Gateways.start(sandbox.center(), portCenter, backendCenter.port(), CHANNEL, "--logging.level.root=WARN");
        gwB = Gateways.start(sandbox.unit("unit-b"), portB, backendB.port(), CHANNEL, "--logging.level.root=WARN");
        for (ConfigurableApplicationContext gw : List.of(gwCenter, gwB)) {
            RulesSubscriber rules = gw.getBean(RulesSubscriber.class);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (rules.appliedVersion() < 1) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gateway of " + rules.unit() + " did not apply version 1");
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{gwCenter, gwB, backendCenter, backendB, publisher}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String get(String target, String... headerLines) {
        StringBuilder r = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headerLines) {
            r.append(h).append("\r\n");
        }
        return r.append("Connection: close\r\n\r\n").toString();
    }

    private static String nonce() {
        byte[] b = new byte[16];
        NONCES.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ---- issue 17 point 1: hop headers are believed only from a gateway that proves it ----

    @Test
    void forgedHopHeadersFromAClientAreStrippedAndTheRequestIsRoutedLikeAnyOther() throws Exception {
        long centerBefore = backendCenter.requests.get();
        // buyer 5042 lives in unit-b; the client claims unit-b forwarded it here under newer rules
        String forged = "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Buyer-Id: 5042\r\nX-Unitize-Forwarded-By: unit-b\r\n"
                + "X-Unitize-Rules-Version: 999\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        RawHttp.Answer r = RawHttp.send(portCenter, forged);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).as("served by the buyer's home unit, not the unit the client chose").isEqualTo("backend unit-b");
        assertThat(backendCenter.requests.get()).as("the center's backend never saw the write").isEqualTo(centerBefore);
        assertThat(r.header("X-Unitize-Home-Unit")).isEqualTo("unit-b");
        assertThat(r.header("X-Unitize-Home-Gateway")).as("home unit and home gateway agree").isEqualTo(urlB);
        assertThat(r.header("X-Seen-Forwarded-By")).as("the forward is the center's own, signed hop").isEqualTo("center");
    }

    @Test
    void noXUnitizeHeaderFromOutsideReachesABackend() throws Exception {
        RawHttp.Answer r = RawHttp.send(portCenter, get("/api/orders", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: unit-b",
                "X-Unitize-Rules-Version: 7", "X-Unitize-Hop-Signature: kid=k2;ts=1;nonce=x;sig=y", "x-unitize-anything: else"));
        assertThat(r.body()).isEqualTo("backend center");
        assertThat(r.header("X-Seen-Unitize-Headers")).as("stripped at the door").isEqualTo("-");
        RawHttp.Answer forwarded = RawHttp.send(portCenter, get("/api/orders", "X-Buyer-Id: 5042", "X-Unitize-Debug: 1"));
        assertThat(forwarded.body()).isEqualTo("backend unit-b");
        assertThat(forwarded.header("X-Seen-Unitize-Headers")).as("after a signed hop the backend sees only the verified forwarder")
                .isEqualTo("x-unitize-forwarded-by");
    }

    @Test
    void aValidlySignedHopIsHonouredWithTheCurrentOrThePreviousKeyButNotReplayedAndNotWithAWrongSignature() throws Exception {
        // buyer 42 lives in the center under version 1; a hop signed by the center under (claimed) newer rules is served by unit-b
        long now = System.currentTimeMillis();
        String n1 = nonce();
        String sig = Gateways.hopSignature(Gateways.HOP_KEY_ID, Gateways.HOP_SECRET, "center", "unit-b", "GET", "/api/orders?x=1", "42", 2, now, n1);
        String hop = get("/api/orders?x=1", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: center", "X-Unitize-Rules-Version: 2",
                "X-Unitize-Hop-Signature: " + sig);
        RawHttp.Answer honoured = RawHttp.send(portB, hop);
        assertThat(honoured.body()).as("the newer rules of an authenticated sender win").isEqualTo("backend unit-b");
        assertThat(honoured.header("X-Unitize-Home-Unit")).isEqualTo("unit-b");
        assertThat(honoured.header("X-Unitize-Home-Gateway")).as("no contradictory home headers").isEqualTo(urlB);

        RawHttp.Answer replayed = RawHttp.send(portB, hop);
        assertThat(replayed.body()).as("a replayed hop is routed like any external request").isEqualTo("backend center");

        String previous = Gateways.hopSignature(Gateways.PREVIOUS_HOP_KEY_ID, Gateways.PREVIOUS_HOP_SECRET, "center", "unit-b", "GET", "/api/orders",
                "42", 2, now, nonce());
        assertThat(RawHttp.send(portB, get("/api/orders", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: center", "X-Unitize-Rules-Version: 2",
                "X-Unitize-Hop-Signature: " + previous)).body()).as("the previous key is still accepted").isEqualTo("backend unit-b");

        String otherBuyer = Gateways.hopSignature(Gateways.HOP_KEY_ID, Gateways.HOP_SECRET, "center", "unit-b", "GET", "/api/orders", "43", 2, now,
                nonce());
        assertThat(RawHttp.send(portB, get("/api/orders", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: center", "X-Unitize-Rules-Version: 2",
                "X-Unitize-Hop-Signature: " + otherBuyer)).body()).as("signed for another buyer").isEqualTo("backend center");
        String wrongKey = Gateways.hopSignature(Gateways.HOP_KEY_ID, "an-attacker-guess-0123456789abcdef0123456", "center", "unit-b", "GET",
                "/api/orders", "42", 2, now, nonce());
        assertThat(RawHttp.send(portB, get("/api/orders", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: center", "X-Unitize-Rules-Version: 2",
                "X-Unitize-Hop-Signature: " + wrongKey)).body()).as("wrong secret").isEqualTo("backend center");
        String old = Gateways.hopSignature(Gateways.HOP_KEY_ID, Gateways.HOP_SECRET, "center", "unit-b", "GET", "/api/orders", "42", 2,
                now - Duration.ofMinutes(10).toMillis(), nonce());
        assertThat(RawHttp.send(portB, get("/api/orders", "X-Buyer-Id: 42", "X-Unitize-Forwarded-By: center", "X-Unitize-Rules-Version: 2",
                "X-Unitize-Hop-Signature: " + old)).body()).as("outside the replay window").isEqualTo("backend center");
    }

    // ---- issue 27 point 6: one rule for every buyer-id source ----

    @Test
    void buyerIdsAreAsciiDigitsDecodedOnceAndOneBuyerPerRequest() throws Exception {
        long before = backendCenter.requests.get() + backendB.requests.get();
        RawHttp.Answer arabicDigits = RawHttp.send(portCenter, get("/api/cart?buyerId=%D9%A7%D9%A0%D9%A4%D9%A2"));
        assertThat(arabicDigits.status()).as("Arabic-Indic digits in the query").isEqualTo(400);
        assertThat(arabicDigits.body()).contains("UNITIZE-GW-011").contains("query:buyerId").contains("ASCII digits")
                .contains("\\\\u0667\\\\u0660\\\\u0664\\\\u0662");
        RawHttp.Answer cookieDigits = RawHttp.send(portCenter, get("/api/cart",
                "Cookie: buyer_id=" + new String("\u0667\u0660\u0664\u0662".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertThat(cookieDigits.status()).as("Arabic-Indic digits in the cookie (UTF-8 bytes)").isEqualTo(400);
        assertThat(cookieDigits.body()).contains("cookie:buyer_id");
        RawHttp.Answer twice = RawHttp.send(portCenter, get("/api/cart?buyerId=%2537042"));
        assertThat(twice.status()).as("decoded once: %2537042 is '%37042', not 7042").isEqualTo(400);
        assertThat(twice.body()).contains("'%37042'");
        RawHttp.Answer twoHeaders = RawHttp.send(portCenter, get("/api/cart", "X-Buyer-Id: 42", "X-Buyer-Id: 5042"));
        assertThat(twoHeaders.status()).isEqualTo(400);
        assertThat(twoHeaders.body()).contains("UNITIZE-GW-012").contains("42").contains("5042");
        RawHttp.Answer twoSources = RawHttp.send(portCenter, get("/api/cart?buyerId=5042", "X-Buyer-Id: 42"));
        assertThat(twoSources.status()).as("two sources naming two buyers").isEqualTo(400);
        assertThat(twoSources.body()).contains("header:X-Buyer-Id").contains("query:buyerId");
        RawHttp.Answer twoQuery = RawHttp.send(portCenter, get("/api/cart?buyerId=42&buyerId=5042"));
        assertThat(twoQuery.status()).isEqualTo(400);
        RawHttp.Answer plus = RawHttp.send(portCenter, get("/api/cart?buyerId=%2B42"));
        assertThat(plus.status()).as("a sign is not a digit").isEqualTo(400);
        RawHttp.Answer huge = RawHttp.send(portCenter, get("/api/cart", "X-Buyer-Id: 99999999999999999999"));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("64 bits");
        assertThat(backendCenter.requests.get() + backendB.requests.get()).as("no refused request reached a backend").isEqualTo(before);

        RawHttp.Answer same = RawHttp.send(portCenter, get("/api/cart?buyerId=5042", "X-Buyer-Id: 5042", "X-Buyer-Id: 5042"));
        assertThat(same.body()).as("the same buyer named twice is one buyer").isEqualTo("backend unit-b");
        RawHttp.Answer pathOnce = RawHttp.send(portCenter, get("/api/buyers/%35042/orders"));
        assertThat(pathOnce.body()).as("a path segment is decoded once, as the backend will").isEqualTo("backend unit-b");
    }

    // ---- issue 27 point 7: ambiguous framing is refused at the door ----

    @Test
    void ambiguousFramingIsRefusedWith400NamingTheFault() throws Exception {
        long before = backendCenter.requests.get() + backendB.requests.get();
        Map<String, String> cases = new TreeMap<>(Map.of(
                "Content-Length and Transfer-Encoding: chunked",
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Buyer-Id: 42\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "Content-Length and Transfer-Encoding: gzip",
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Buyer-Id: 42\r\nContent-Length: 4\r\nTransfer-Encoding: gzip\r\n\r\nabcd",
                "Transfer-Encoding not ending in chunked",
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Buyer-Id: 42\r\nTransfer-Encoding: gzip\r\n\r\nabcd",
                "header lines ended by a bare LF",
                "GET /api/orders HTTP/1.1\nHost: 127.0.0.1\nX-Buyer-Id: 42\n\n",
                "one header line ended by a bare LF",
                "GET /api/orders HTTP/1.1\r\nHost: 127.0.0.1\nX-Buyer-Id: 42\r\n\r\n",
                "two different Content-Length values",
                "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RawHttp.Answer r = RawHttp.send(portCenter, c.getValue());
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(c.getKey()).isEqualTo("application/problem+json");
            assertThat(r.body()).as(c.getKey()).contains("UNITIZE-GW-040");
            assertThat(r.header("Connection")).as(c.getKey() + ": the connection is closed after the refusal").isEqualTo("close");
        }
        RawHttp.Answer lf = RawHttp.send(portCenter, cases.get("header lines ended by a bare LF"));
        assertThat(lf.body()).contains("CRLF");
        RawHttp.Answer both = RawHttp.send(portCenter, cases.get("Content-Length and Transfer-Encoding: gzip"));
        assertThat(both.body()).contains("Content-Length").contains("Transfer-Encoding");
        assertThat(backendCenter.requests.get() + backendB.requests.get()).as("nothing reached a backend").isEqualTo(before);
    }

    // ---- issue 27 "Done when", gateway half: a bounded fuzz test, no 5xx ----

    @Test
    void aFewThousandMalformedRequestsGetNo5xx() throws Exception {
        Random random = new Random(27);
        int total = 3000;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] request = MalformedRequests.next(random);
            RawHttp.Answer a = RawHttp.send(i % 2 == 0 ? portCenter : portB, request, 5_000);
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() == RawHttp.NO_ANSWER_YET && waiting.size() < 10) {
                waiting.add(RawHttp.printable(new String(request, StandardCharsets.ISO_8859_1)));
            }
            if (a.status() >= 500 && serverErrors.size() < 10) {
                serverErrors.add(a.status() + " for " + RawHttp.printable(new String(request, StandardCharsets.ISO_8859_1)) + " -> "
                        + RawHttp.printable(a.body()));
            }
        }
        waiting.forEach(w -> System.out.println("gateway fuzz: still waiting after 5 s: " + w));
        System.out.println("gateway fuzz: " + total + " requests, answers by status (-1 = closed without answer, -2 = "
                + "still waiting for request bytes after 5 s): " + byStatus);
        assertThat(serverErrors).as("5xx answers to malformed requests").isEmpty();
        assertThat(byStatus.keySet()).as("the gateways answered (not only closed)").anyMatch(s -> s == 400);
        assertThat(RawHttp.send(portCenter, get("/api/orders", "X-Buyer-Id: 5042")).body()).as("still serving after the fuzz")
                .isEqualTo("backend unit-b");
    }
}
