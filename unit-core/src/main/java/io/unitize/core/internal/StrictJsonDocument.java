package io.unitize.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.core.InvalidRulesException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads text as exactly one JSON value, strictly (DESIGN.md): nothing after it but whitespace, and no
 * key twice in any object at any depth (Jackson's {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION});
 * either is refused with an {@link InvalidRulesException} naming the place (line, column, path).
 */
final class StrictJsonDocument {

    static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    /** How much of the content after the document a refusal quotes. */
    private static final int TRAILING_SHOWN = 32;

    private StrictJsonDocument() {
    }

    /** The one JSON value of {@code json}: no duplicate key anywhere, nothing after it but whitespace. */
    static JsonNode read(String json) {
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonNode root = MAPPER.readTree(p);
            if (root == null) {
                throw new InvalidRulesException(List.of("rules JSON is empty"));
            }
            int end = (int) p.currentLocation().getCharOffset();
            boolean more;
            try {
                more = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                more = true; // not even a token: garbage
            }
            if (more) {
                throw new InvalidRulesException(List.of(contentAfterTheDocument(json, end)));
            }
            return root;
        } catch (JsonParseException e) {
            JsonParser p = e.getProcessor();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field") && p != null) {
                JsonStreamContext object = p.getParsingContext();
                String where = pathOf(object.getParent());
                throw new InvalidRulesException(List.of("rules JSON has key " + Shown.quoted(object.getCurrentName())
                        + " twice in " + (where.isEmpty() ? "the document's top-level object" : "the object at " + where)
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                        + "); each key may appear only once"));
            }
            throw malformed(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String failed", e); // a String source cannot fail to read
        }
    }

    private static InvalidRulesException malformed(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new InvalidRulesException(List.of("rules JSON is malformed" + at + ": " + Shown.text(e.getOriginalMessage(), 300)));
    }

    private static String contentAfterTheDocument(String json, int end) {
        int at = end;
        while (at < json.length() && isJsonWhitespace(json.charAt(at))) {
            at++;
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < at && i < json.length(); i++) {
            if (json.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "rules JSON must be exactly one document, but content follows its end at line " + line + ", column " + column
                + ": '" + Shown.text(json.substring(Math.min(at, json.length())), TRAILING_SHOWN) + "'";
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** "routes[0]", "transform": where the value of a parser context is, from the root; "" for the root. */
    private static String pathOf(JsonStreamContext ctx) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + Shown.text(c.getCurrentName()));
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}
