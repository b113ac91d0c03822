package io.unitize.id;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP endpoint's shared-token authentication and per-client limits, on loopback (IDs from a counter). */
class IdHttpAccessTest {

    private static final String TOKEN = "tok-0123456789abcdef";
    private static final String NEXT_TOKEN = "tok-fedcba9876543210";

    private final AtomicLong drawn = new AtomicLong();
    private final IdService counter = (tag, count) -> {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = drawn.incrementAndGet();
        }
        return ids;
    };
    private final HttpClient http = HttpClient.newHttpClient();
    private IdHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String start(IdHttpAccess access) throws IOException {
        server = new IdHttpServer("127.0.0.1", 0, "center", counter, 2, access).start();
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenConfiguredARequestWithoutOneOrWithAWrongOneIsRefusedAndDrawsNothing() throws Exception {
        String base = start(IdHttpAccess.builder().token(TOKEN).build());

        HttpResponse<String> none = get(base + "/api/v1/ids/order?count=5", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"unitize-id\"");
        assertThat(none.body()).contains("no token: this ID service requires Authorization: Bearer <token>");

        HttpResponse<String> wrong = get(base + "/api/v1/ids/order?count=5", "Bearer tok-not-the-right-one");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("the bearer token is not one this ID service accepts").doesNotContain(TOKEN);
        assertThat(drawn.get()).as("no ID drawn for refused requests").isZero();

        HttpResponse<String> ok = get(base + "/api/v1/ids/order?count=5", "Bearer " + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"tag\":\"order\",\"unit\":\"center\",\"ids\":[1,2,3,4,5]}");
    }

    @Test
    void twoTokensAreAcceptedWhileOneIsRotated() throws Exception {
        String base = start(IdHttpAccess.builder().tokens(List.of(TOKEN, NEXT_TOKEN)).build());

        assertThat(get(base + "/api/v1/ids/order", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(base + "/api/v1/ids/order", "bearer " + NEXT_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void theClientSendsItsTokenAndWithoutOneSaysItWasRefused() throws Exception {
        String base = start(IdHttpAccess.builder().token(TOKEN).build());

        IdClient withToken = new IdClient(List.of(base), "order", 10, 2, Duration.ofSeconds(5), TOKEN);
        assertThat(withToken.nextId()).isEqualTo(1);

        IdClient without = new IdClient(base, "order", 10, 2, Duration.ofSeconds(5));
        assertThatThrownBy(without::nextId).isInstanceOf(IdServiceUnavailableException.class)
                .hasMessageContaining("UNITIZE-ID-035").hasMessageContaining("refused this client (401, no token sent)");
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndAnotherClientIsStillServed() throws Exception {
        String base = start(IdHttpAccess.builder().perClientLimit(100, Duration.ofHours(1)).build());

        assertThat(get(base + "/api/v1/ids/order?count=60", null).statusCode()).isEqualTo(200);
        HttpResponse<String> over = get(base + "/api/v1/ids/order?count=60", null);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).contains("3600");
        assertThat(over.body()).contains("client 127.0.0.1 drew its 100 IDs per 3600000 ms");
        assertThat(drawn.get()).as("the refused request drew nothing").isEqualTo(60);

        String fromOtherAddress = rawGet(InetAddress.getByName("127.0.0.2"), server.port(), "/api/v1/ids/order?count=60");
        assertThat(fromOtherAddress).startsWith("HTTP/1.1 200");

        HttpResponse<String> tooMany = get(base + "/api/v1/ids/order?count=101", null);
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.body()).contains("count 101 is more than the 100 IDs per 3600000 ms a client may draw");
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> IdHttpAccess.builder().token("short"))
                .hasMessage("UNITIZE-ID-042 an ID service token must be at least 16 printable ASCII characters without spaces,"
                        + " but one has 5 characters");
        assertThatThrownBy(() -> IdHttpAccess.builder().perClientLimit(-1, Duration.ofSeconds(1)))
                .hasMessage("UNITIZE-ID-043 the per-client limit must be >= 0 IDs (0 = none), but was -1");
        assertThatThrownBy(() -> IdHttpAccess.builder().perClientLimit(10, Duration.ZERO))
                .hasMessage("UNITIZE-ID-043 the per-client limit's period must be > 0, but was PT0S");
    }

    /** A GET sent from a chosen loopback source address (HttpClient cannot pick one). */
    private static String rawGet(InetAddress from, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
