package io.unitize.gateway.scg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 9457 problem document ({@code application/problem+json}) for a gateway refusal: {@code status},
 * {@code title}, {@code detail}, the refusal's {@code code} (the {@code UNITIZE-GW-nnn} the detail starts
 * with), and any extension members the refusal names (a rules skew: both rule versions).
 */
final class ProblemJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("^(UNITIZE-[A-Z]+-\\d+)\\b");

    private ProblemJson() {
    }

    static byte[] of(int status, String title, String detail) {
        return of(status, title, detail, Map.of());
    }

    static byte[] of(int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", status);
        doc.put("title", title);
        doc.put("detail", detail);
        Matcher code = CODE.matcher(detail == null ? "" : detail);
        if (code.find()) {
            doc.put("code", code.group(1));
        }
        extensions.forEach(doc::putIfAbsent);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
