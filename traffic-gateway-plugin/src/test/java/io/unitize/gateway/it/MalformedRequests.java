package io.unitize.gateway.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed (and some merely odd) HTTP/1.1 requests from a seeded {@link Random}: a
 * request line, header lines and a body, each drawn from a list of faults seen in the wild (bad
 * methods and targets, broken percent-encoding, non-ASCII digits, duplicate and conflicting buyer
 * ids, forged hop headers, bad tokens, ambiguous framing, bare CR/LF, control bytes, oversize lines).
 */
final class MalformedRequests {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "G ET",
            "FOO", "", "GET\u0000", "P\u00d6ST", "POST\t"};
    private static final String[] TARGETS = {"/api/orders", "/api/cart?buyerId=%zz", "/api/cart?buyerId=%", "/api/cart?buyerId=%2537042",
            "/api/cart?buyerId=%D9%A7%D9%A0", "/api/cart?buyerId=-1", "/api/cart?buyerId=1e3", "/api/cart?buyerId=0x10",
            "/api/cart?buyerId=42&buyerId=43", "/api/cart?buyerId=42&buyerId=42", "/api/cart?buyerId=99999999999999999999",
            "/api/cart?buyerId=9223372036854775808", "/api/cart?buyerId=9223372036854775807", "/api/cart?buyerId=", "/api/cart?=&&=",
            "/api/buyers/%zz/orders", "/api/buyers/%35042/orders", "/api/buyers/%2535042/orders", "/api/buyers//orders",
            "/api/buyers/-5/orders", "/api/buyers/\u0667/orders", "/../../etc/passwd", "/%2e%2e/%2e%2e/", "/a b", "/a%00b", "/\u00ff",
            "*", "http://evil.example/api/orders", "//evil.example/x", "", "api/orders", "/api/orders#frag", "/api/orders?a=%",
            "/?" + "q".repeat(200), "/" + "p".repeat(5000), "/api/orders?buyerId=42;buyerId=43"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1", "HTTP/1.1 extra",
            "", "http/1.1"};
    private static final String[] BUYER_VALUES = {"42", "5042", "\u0667\u0660\u0664\u0662", " 42", "42 ", "4 2", "+42", "-42", "0042",
            "42,5042", "99999999999999999999", "9223372036854775808", "", "abc", "%34%32", "\u0000", "42\u0000", "\uff14\uff12", "1.5",
            "0x2a"};
    private static final String[] HEADER_FAULTS = {"X-Buyer-Id: %s", "X-Buyer-Id: %s", "Cookie: buyer_id=%s", "Cookie: buyer_id=%s; buyer_id=43",
            "Cookie: buyer_id=\"%s\"", "Cookie: =; ;;", "Authorization: Bearer %s", "Authorization: Bearer", "Authorization: Basic Zm9vOmJhcg==",
            "X-Unitize-Forwarded-By: %s", "X-Unitize-Rules-Version: %s", "X-Unitize-Hop-Signature: kid=%s;ts=1;nonce=n;sig=s",
            "X-Unitize-Hop-Signature: %s", "X-Unitize-Home-Unit: %s", "Content-Length: %s", "Transfer-Encoding: %s",
            "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked, gzip", "Content-Length: -1",
            "Content-Length: 1, 2", "Host: %s", "Host:", "Host: a b", "Host: [::1", "Host: 127.0.0.1:99999", "Expect: 100-continue",
            "Connection: upgrade", "Upgrade: h2c", "Upgrade: websocket", "X-Bad Name: v", "X-Ctl: a\u0001b", "X-Cr: a\rb", ": empty-name",
            " folded-continuation", "NoColon", "X-Long: " + "v".repeat(9000), "Content-Type: %s", "Accept: */*", "X-Forwarded-For: %s",
            "Forwarded: for=%s", "X-Forwarded-Host: evil.example", "X-Forwarded-Prefix: /../"};
    private static final String[] LINE_ENDS = {"\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\n", "\r", "\r\r\n", "\n\r"};

    private MalformedRequests() {
    }

    static byte[] next(Random r) {
        if (r.nextInt(40) == 0) { // raw garbage, sometimes after a valid start
            byte[] junk = new byte[1 + r.nextInt(300)];
            r.nextBytes(junk);
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1); // so that the gateway sees where the head ends
            return concat(r.nextBoolean() ? junk : concat("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1), junk), end);
        }
        StringBuilder b = new StringBuilder();
        String eol = r.nextInt(6) == 0 ? pick(r, LINE_ENDS) : "\r\n";
        b.append(pick(r, METHODS)).append(' ').append(pick(r, TARGETS)).append(' ').append(pick(r, VERSIONS)).append(eol);
        if (r.nextInt(10) != 0) {
            b.append("Host: 127.0.0.1").append(eol);
        }
        int n = r.nextInt(6);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String h = pick(r, HEADER_FAULTS);
            headers.add(h.contains("%s") ? h.replace("%s", value(r)) : h);
        }
        for (String h : headers) {
            b.append(h).append(r.nextInt(15) == 0 ? pick(r, LINE_ENDS) : eol);
        }
        // the head always ends in a blank line with a LF somewhere, so that the gateway can tell where it ends (a head of bare CRs
        // would be one endless line: the gateway rightly waits for more)
        b.append("Connection: close").append(eol).append(eol.contains("\n") ? eol : "\r\n\r\n");
        b.append(body(r, headers));
        return toBytes(b.toString());
    }

    /**
     * A body that completes the framing the headers declare (so the gateway is not left waiting for
     * bytes that never come): a plain Content-Length gets that many bytes, chunked gets chunks and
     * the last chunk, sometimes a malformed chunk before it.
     */
    private static String body(Random r, List<String> headers) {
        List<String> lengths = headers.stream().filter(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15))
                .map(h -> h.substring(15).trim()).toList();
        boolean chunked = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)
                && h.toLowerCase(java.util.Locale.ROOT).contains("chunked"));
        if (chunked) {
            return (r.nextInt(4) == 0 ? "zz\r\nhello\r\n" : "5\r\nhello\r\n") + "0\r\n\r\n";
        }
        if (lengths.size() == 1 && lengths.get(0).matches("[0-9]{1,5}")) {
            return "a".repeat(Integer.parseInt(lengths.get(0)));
        }
        return r.nextInt(4) == 0 ? "{}" : "";
    }

    private static String value(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, BUYER_VALUES);
            case 1 -> jwtLike(r);
            case 2 -> Integer.toString(r.nextInt(20_000) - 100);
            default -> pick(r, new String[]{"center", "unit-b", "unit-x", "999", "-1", "abc", "x".repeat(300), "\u00e9", "a;b=c", "chunked",
                    "identity", "gzip"});
        };
    }

    private static String jwtLike(Random r) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String[] headers = {"{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"RS256\",\"kid\":\"nope\"}", "{", "[]", "{\"alg\":\"HS256\","
                + "\"crit\":[\"x\"]}"};
        String h = e.encodeToString(headers[r.nextInt(headers.length)].getBytes(StandardCharsets.UTF_8));
        String p = e.encodeToString(("{\"sub\":\"" + pick(r, BUYER_VALUES) + "\",\"exp\":" + (r.nextBoolean() ? "1" : "99999999999") + "}")
                .getBytes(StandardCharsets.UTF_8));
        return switch (r.nextInt(4)) {
            case 0 -> h + "." + p + ".";
            case 1 -> h + "." + p + "." + e.encodeToString(new byte[]{1, 2, 3});
            case 2 -> h + ".." + p;
            default -> "not-a-jwt";
        };
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    /** Characters above U+00FF go out as UTF-8, the rest as single bytes (so a raw \r or \u0000 stays one byte). */
    private static byte[] toBytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0xff) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, b.length == 0 ? 0 : a.length, b.length);
        return c;
    }
}
