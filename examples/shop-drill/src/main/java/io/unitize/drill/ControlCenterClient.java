package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/** The control center's REST API (HTTP Basic), as an operator's script uses it. */
public final class ControlCenterClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<String> url;
    private final String auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("UNITIZE-DRILL-010 not JSON (status " + status + "): " + body, e);
            }
        }
    }

    public ControlCenterClient(Supplier<String> url, String user, String password) {
        this.url = url;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.get() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Content-Type", "application/json").header("X-Requested-With", "drill");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** Starts a cutover; returns its id (fails naming the answer if it was not accepted). */
    public String startCutover(String plan) throws IOException, InterruptedException {
        Answer a = send("POST", "/api/v1/cutovers", plan);
        if (a.status() != 202) {
            throw new IllegalStateException("UNITIZE-DRILL-011 cutover not accepted (" + a.status() + "): " + a.body());
        }
        return a.json().path("id").asText();
    }

    public JsonNode cutover(String id) throws IOException, InterruptedException {
        return send("GET", "/api/v1/cutovers/" + id, null).json();
    }

    /** Polls the cutover until DONE or ROLLED_BACK, at most {@code max}; the control center may be down meanwhile. */
    public JsonNode awaitFinished(String id, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = cutover(id);
                String s = last.path("status").asText();
                if (s.equals("DONE") || s.equals("ROLLED_BACK")) {
                    return last;
                }
            } catch (IOException | RuntimeException down) {
                // restarting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("UNITIZE-DRILL-012 cutover " + id + " not finished within " + max + "; last seen: " + last);
    }

    public JsonNode history() throws IOException, InterruptedException {
        return send("GET", "/api/v1/rules/history?limit=1000", null).json();
    }

    public String version(long v) throws IOException, InterruptedException {
        Answer a = send("GET", "/api/v1/rules/versions/" + v, null);
        if (a.status() != 200) {
            throw new IllegalStateException("UNITIZE-DRILL-013 version " + v + ": " + a.status() + " " + a.body());
        }
        return a.body();
    }
}
