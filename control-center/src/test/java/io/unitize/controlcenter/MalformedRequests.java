package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates requests that the control center must refuse (never with a 5xx): plans and rules
 * documents each with at least one defect that makes them invalid (unknown fields, fractions and
 * strings for integers, wrong types, values out of range, reasons too long, nesting, duplicate
 * keys, truncation, bad bytes), bodies over the size limit, deep nesting, odd content types, odd
 * methods and paths, odd credentials. Seeded: a failure names its seed and replays.
 *
 * <p>Rules documents always carry the version in force (stale: a valid one is 409), and every
 * plan sent to {@code /cutovers} is invalid, so a run changes nothing.
 */
final class MalformedRequests {

    record Request(String what, String method, String path, byte[] body, boolean chunked, Map<String, String> headers,
                   String user, String password) {

        @Override
        public String toString() {
            return what + ": " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                    + " " + headers + " body " + (body == null ? "none" : body.length + " bytes"
                    + (body.length <= 200 ? " " + new String(body, StandardCharsets.UTF_8) : ""));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] UNITS = {"center", "unit-b"};

    private final Random random;
    private final JsonNode rules;
    private final String user;
    private final String password;

    /** {@code rulesInForce}: the canonical document in force; {@code user}: an operator. */
    MalformedRequests(long seed, String rulesInForce, String user, String password) throws Exception {
        this.random = new Random(seed);
        this.rules = JSON.readTree(rulesInForce);
        this.user = user;
        this.password = password;
    }

    Request next() {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return jsonBody("POST", "/api/v1/cutovers", "plan", planWithDefect());
        }
        if (kind < 42) {
            return jsonBody("POST", "/api/v1/plans/dry-run", "dry-run plan", planWithDefect());
        }
        if (kind < 57) {
            return jsonBody("PUT", "/api/v1/rules", "rules document", rulesWithDefect());
        }
        if (kind < 70) {
            return oddPathOrMethod();
        }
        if (kind < 80) {
            return oddContentType();
        }
        if (kind < 86) {
            return oversized();
        }
        if (kind < 94) {
            return deeplyNested();
        }
        return oddCredentials();
    }

    // --- plans ---

    private byte[] planWithDefect() {
        ObjectNode plan = validPlan();
        String[] defect = {""};
        int defects = 1 + random.nextInt(2);
        for (int i = 0; i < defects; i++) {
            planDefect(plan, defect);
        }
        return textDefects(write(plan), false);
    }

    private ObjectNode validPlan() {
        ObjectNode p = NODES.objectNode();
        switch (random.nextInt(3)) {
            case 0 -> {
                int from = random.nextInt(9000);
                p.put("type", "MOVE_SLOTS").put("from", from).put("to", from + random.nextInt(900))
                        .put("toUnit", UNITS[random.nextInt(2)]);
            }
            case 1 -> {
                int split = 1 + random.nextInt(9998);
                ArrayNode routes = p.put("type", "TARGET_ROUTES").putArray("routes");
                routes.addObject().put("from", 0).put("to", split).put("unit", "center");
                routes.addObject().put("from", split + 1).put("to", 9999).put("unit", "unit-b");
            }
            default -> p.put("type", "FAILOVER_UNIT").put("unit", "unit-b").put("toUnit", "center")
                    .put("acceptDataLoss", true);
        }
        p.put("reason", "fuzz " + random.nextInt(1000));
        if (random.nextInt(4) == 0) {
            p.put("syncMode", random.nextBoolean() ? "MARKER" : "GTID");
        }
        return p;
    }

    /** One defect, each of which alone makes the plan invalid. */
    private void planDefect(ObjectNode p, String[] what) {
        String type = p.path("type").asText();
        switch (random.nextInt(11)) {
            case 0 -> p.put("x" + random.nextInt(100), random.nextInt(10)); // unknown field
            case 1 -> {
                if (type.equals("TARGET_ROUTES")) {
                    ((ObjectNode) p.get("routes").get(0)).put("to", p.get("routes").get(0).get("to").asInt() + 0.5);
                } else {
                    p.put("from", 2000.5);
                }
            }
            case 2 -> p.put("from", String.valueOf(random.nextInt(9999))).put("type", "MOVE_SLOTS").put("to", 9999)
                    .put("toUnit", "unit-b"); // a string for an integer
            case 3 -> {
                String field = pick("type", "reason", "routes", "acceptDataLoss", "from", "toUnit", "syncMode");
                p.set(field, wrongType(field));
            }
            case 4 -> p.put("reason", "r".repeat(501 + random.nextInt(5000)));
            case 5 -> p.put("type", "MOVE_SLOTS").put("from", pick(-1, 10_000, Integer.MAX_VALUE)).put("to", 3)
                    .put("toUnit", "unit-b");
            case 6 -> p.put("type", "MOVE_SLOTS").put("to", 0).put("toUnit", "center")
                    .set("from", NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(20 + random.nextInt(2000)))));
            case 7 -> p.set("reason", nested(33 + random.nextInt(300)));
            case 8 -> p.put(type.equals("TARGET_ROUTES") ? "type" : "toUnit",
                    pick("unit-zz", "", " ", "\u0000", "中心", "x".repeat(5000), "MOVE_SLOTS\n"));
            case 9 -> p.remove(pick("reason", "type"));
            default -> p.put("unit", "center").put("toUnit", "center").put("type", "FAILOVER_UNIT");
        }
    }

    // --- rules documents ---

    private byte[] rulesWithDefect() {
        ObjectNode doc = rules.deepCopy(); // the version in force: stale even when otherwise valid
        switch (random.nextInt(12)) {
            case 0 -> doc.put("x" + random.nextInt(100), true);
            case 1 -> doc.put("version", doc.get("version").asLong() + 0.5);
            case 2 -> doc.put("version", pick("abc", "", "-1"));
            case 3 -> ((ObjectNode) doc.get("routes").get(0)).put("to", 10.5);
            case 4 -> doc.put("reason", "r".repeat(1025 + random.nextInt(20_000)));
            case 5 -> doc.set("units", wrongType("units"));
            case 6 -> ((ObjectNode) doc.get("transform")).put("slotCount", pick(0, -1, 2_000_000_000));
            case 7 -> doc.set("reason", nested(33 + random.nextInt(500)));
            case 8 -> ((ArrayNode) doc.get("routes")).addObject().put("from", 0).put("to", 5).put("unit", "center");
            case 9 -> doc.put("updatedAt", pick("yesterday", "2026-13-45T99:00:00Z", ""));
            case 10 -> ((ArrayNode) doc.withArray("freezes")).addObject().put("from", 1).put("to", 2);
            default -> doc.remove(pick("units", "routes", "transform", "version"));
        }
        return textDefects(write(doc), true);
    }

    // --- text-level defects (applied on top; the document is invalid already) ---

    private byte[] textDefects(String json, boolean always) {
        if (!always && random.nextInt(10) < 6) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(9)) {
            case 0 -> java.util.Arrays.copyOf(b, random.nextInt(Math.max(1, b.length - 1))); // truncated
            case 1 -> ("{\"type\":\"MOVE_SLOTS\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8); // duplicate key
            case 2 -> (json + pick(" }", " {}", "x", "\u0000", ",")).getBytes(StandardCharsets.UTF_8); // trailing
            case 3 -> splice(b, new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}); // invalid UTF-8
            case 4 -> { // random bytes flipped
                byte[] c = b.clone();
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                }
                yield c;
            }
            case 5 -> json.replaceFirst("\"", "'").getBytes(StandardCharsets.UTF_8); // single quotes
            case 6 -> ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8); // byte order mark
            case 7 -> pick("", "null", "[]", "\"plan\"", "42", "true", "{", "}", "{}", "[{}]", "NaN", "/* */{}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> json.replace(":", ": /* c */ ").getBytes(StandardCharsets.UTF_8); // comments
        };
    }

    // --- shapes of request ---

    private Request jsonBody(String method, String path, String what, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, application/problem+json");
        return new Request(what, method, path, body, random.nextInt(5) == 0, headers, user, password);
    }

    private Request oddPathOrMethod() {
        String path = pick("/api/v1/rules/versions/abc", "/api/v1/rules/versions/-1", "/api/v1/rules/versions/99999999999999999999",
                "/api/v1/cutovers/" + "c".repeat(1 + random.nextInt(3000)), "/api/v1/cutovers/%00", "/api/v1/cutovers/%2e%2e",
                "/api/v1/rules/history?limit=abc", "/api/v1/rules/history?limit=-5", "/api/v1/rules/history?limit=2147483648",
                "/api/v1/audit?limit=1e3", "/api/v1/cutovers?limit=", "/api//v1/rules", "/api/v1/rules;x=y",
                "/api/v1/rules%2fhistory", "/api/v1/%C3%BC", "/api/v1/rules/", "/api/v2/rules", "/api/v1/../actuator/env",
                "/console/../api/v1/rules", "/actuator/env", "/actuator/metrics/nope", "/actuator/heapdump", "/v3/api-docs?x=%00",
                "/api/v1/cutovers/c-nope/abort", "/api/v1/cutovers/%20/abort", "/api/v1/me?x=" + "y".repeat(random.nextInt(6000)),
                "/api/v1/agents", "/api/v1/rules/units", "/api/v1/" + "a/".repeat(1 + random.nextInt(200)), "/error", "/login");
        String method = pick("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET");
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") ? null
                : planWithDefect();
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Accept", pick("application/json", "text/html", "application/xml", "*/*", "garbage/", "application/problem+json"));
        return new Request("odd path or method", method, path, body, false, headers, user, password);
    }

    private Request oddContentType() {
        String path = pick("/api/v1/cutovers", "/api/v1/plans/dry-run", "/api/v1/rules");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", pick("text/plain", "application/xml", "application/json;charset=bogus",
                "application/json; charset=\"utf-16\"", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "garbage", "application/", "*/*", "application/json;q=0.5", "application/json;charset=", "text/json",
                "application/merge-patch+json", ";;;"));
        byte[] body = path.endsWith("rules") ? rulesWithDefect() : planWithDefect();
        if (headers.get("Content-Type").startsWith("application/x-www-form")) {
            body = ("type=MOVE_SLOTS&from=1&to=2&toUnit=unit-b&reason=" + "x".repeat(random.nextInt(3000))).getBytes(StandardCharsets.UTF_8);
        }
        return new Request("odd content type", path.endsWith("rules") ? "PUT" : "POST", path, body, random.nextBoolean(),
                headers, user, password);
    }

    /** Just over the 1 MB limit (20 MB bodies go as raw requests: see {@link #rawRequests}). */
    private Request oversized() {
        int size = 1024 * 1024 + 1 + random.nextInt(512 * 1024);
        String head = pick("{\"type\":\"MOVE_SLOTS\",\"from\":1,\"to\":2,\"toUnit\":\"unit-b\",\"reason\":\"", "{\"version\":1,\"reason\":\"");
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
        body[size - 2] = '"';
        body[size - 1] = '}';
        String path = pick("/api/v1/rules", "/api/v1/cutovers", "/api/v1/plans/dry-run", "/login", "/api/v1/cutovers/x/abort");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", path.equals("/login") ? "application/x-www-form-urlencoded" : "application/json");
        return new Request("oversized body", path.endsWith("rules") ? "PUT" : "POST", path, body, random.nextBoolean(),
                headers, user, password);
    }

    private Request deeplyNested() {
        int depth = pick(33, 100, 1000, 10_000, 50_000);
        String path = pick("/api/v1/rules", "/api/v1/cutovers", "/api/v1/plans/dry-run");
        StringBuilder b = new StringBuilder();
        boolean objects = random.nextBoolean();
        b.append(objects ? "{\"a\":".repeat(depth) : "[".repeat(depth)).append("1")
                .append(objects ? "}".repeat(depth) : "]".repeat(depth));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Request("nested " + depth, path.endsWith("rules") ? "PUT" : "POST", path,
                b.toString().getBytes(StandardCharsets.UTF_8), random.nextBoolean(), headers, user, password);
    }

    private Request oddCredentials() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String auth = pick("Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("nobody".getBytes()),
                "Bearer x.y.z", "Basic", "Digest a=b", "Basic " + "A".repeat(4000));
        headers.put("Authorization", auth);
        return new Request("odd credentials", pick("GET", "POST", "PUT"), pick("/api/v1/rules", "/api/v1/cutovers"),
                planWithDefect(), false, headers, null, null);
    }

    // --- helpers ---

    /** A value of a JSON type the field cannot hold (never null: a null optional field is valid). */
    private JsonNode wrongType(String field) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.objectNode().put("a", 1), NODES.numberNode(1.5)));
        if (!field.equals("routes")) {
            options.add(NODES.arrayNode().add(1));
        }
        if (!field.equals("acceptDataLoss")) {
            options.add(NODES.booleanNode(true));
        }
        if (field.equals("routes") || field.equals("acceptDataLoss") || field.equals("from")) {
            options.add(NODES.textNode("\u0000\uD83D\uDE00"));
        }
        return options.get(random.nextInt(options.size()));
    }

    private JsonNode nested(int depth) {
        JsonNode n = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            n = random.nextBoolean() ? NODES.arrayNode().add(n) : NODES.objectNode().set("a", n);
        }
        return n;
    }

    private byte[] splice(byte[] into, byte[] bytes) {
        int at = 1 + random.nextInt(Math.max(1, into.length - 2));
        byte[] out = new byte[into.length + bytes.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(into, at, out, at + bytes.length, into.length - at);
        return out;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw requests a client library would not send: broken framing and request lines. */
    static List<String> rawRequests(String basicAuth) {
        List<String> raw = new ArrayList<>();
        String auth = "Authorization: " + basicAuth + "\r\n";
        raw.add("POST /api/v1/cutovers HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}");
        raw.add("POST /api/v1/cutovers HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: -5\r\n\r\n{}");
        raw.add("POST /api/v1/cutovers HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
        raw.add("POST /api/v1/cutovers HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        raw.add("GET /api/v1/rules HTTP/1.1\nHost: x\n" + auth.replace("\r\n", "\n") + "\n");
        raw.add("GET /%zz HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /api/v1/cutovers?limit=%ZZ HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /api/v1/rules/versions/%ZZ HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("BREW /api/v1/rules HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /api/v1/rules HTTP/9.9\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /api/v1/rules\r\n\r\n");
        raw.add("GET /api/v1/rules HTTP/1.1\r\nHost: x\r\n" + auth + "X-Long: " + "h".repeat(20_000) + "\r\n\r\n");
        raw.add("PUT /api/v1/rules HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                + "Content-Length: 1\r\n\r\n{");
        raw.add("\u0000\u0001\u0002 garbage\r\n\r\n");
        // 20 MB announced: refused on the headers, the body is never sent
        for (String path : List.of("/api/v1/rules", "/api/v1/cutovers", "/login")) {
            raw.add((path.endsWith("rules") ? "PUT " : "POST ") + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 20971520\r\nExpect: 100-continue\r\n\r\n");
            raw.add((path.endsWith("rules") ? "PUT " : "POST ") + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 20971520\r\n\r\n");
        }
        return raw;
    }

    static Iterator<Request> stream(MalformedRequests gen, int count) {
        return new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return n < count;
            }

            @Override
            public Request next() {
                n++;
                return gen.next();
            }
        };
    }
}
