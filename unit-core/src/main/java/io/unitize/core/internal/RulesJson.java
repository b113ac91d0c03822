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
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of the rules document.
 *
 * <p>Reading is strict about the JSON (DESIGN.md): exactly one JSON object and nothing after it but
 * whitespace, and no key twice in any object at any depth (Jackson's
 * {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}); either is refused naming the place. Then
 * every field is read, each fault naming its field, and the rules are checked on what could be read
 * ({@link RulesValidator}), so that a missing {@code author} does not hide a gap in the routes:
 * one refusal lists both. Numbers that do not fit the field are refused with the field's range and
 * the value as given. Unknown fields are ignored (fields may be added, DESIGN.md).
 *
 * <p>Writing is canonical: fixed field order, one unit/range per line, so that two versions diff line by line.
 */
public final class RulesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    /** How much of the content after the document a refusal quotes. */
    private static final int TRAILING_SHOWN = 32;

    private RulesJson() {
    }

    public static UnitRules parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRulesException(List.of("rules JSON is empty"));
        }
        JsonNode root = readOneDocument(json);
        if (!root.isObject()) {
            throw new InvalidRulesException(List.of("rules JSON must be an object, but was " + root.getNodeType()));
        }
        return new Reader().read(root);
    }

    /** The one JSON value of {@code json}: no duplicate key anywhere, nothing after it but whitespace. */
    private static JsonNode readOneDocument(String json) {
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

    /** Reads the fields of one document, collecting every fault; then checks the rules on what it read. */
    private static final class Reader {
        private final Violations faults = new Violations();
        private final Set<String> refused = new HashSet<>();

        private long version;
        private Instant updatedAt;
        private String author;
        private String reason;
        private final List<UnitDefinition> units = new ArrayList<>();
        private SlotTransform transform = SlotTransform.defaults();
        private final List<SlotRoute> routes = new ArrayList<>();
        private final List<SlotRange> freezes = new ArrayList<>();

        UnitRules read(JsonNode root) {
            readVersion(root);
            readMetadata(root);
            readUnits(root);
            readTransform(root);
            readRoutes(root);
            readFreezes(root);
            if (faults.isEmpty()) {
                UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(updatedAt).author(author).reason(reason)
                        .transform(transform).routes(routes).freezes(freezes);
                units.forEach(b::unit);
                return b.build(); // validates
            }
            RulesValidator.check(version, author, units, transform, routes, freezes, refused, faults);
            throw new InvalidRulesException(faults.list());
        }

        private void readVersion(JsonNode root) {
            BigInteger v = integer(root, At.top("version"), true);
            if (v == null) {
                return;
            }
            if (v.bitLength() > 63) {
                refuse(At.top("version"), "range", "field 'version' must be an integer in 1.." + Long.MAX_VALUE
                        + " (64 bits), but was " + Shown.text(v.toString()));
            } else {
                version = v.longValue();
            }
        }

        private void readMetadata(JsonNode root) {
            String at = text(root, At.top("updatedAt"), true);
            if (at != null) {
                try {
                    updatedAt = Instant.parse(at);
                } catch (DateTimeParseException e) {
                    refuse(At.top("updatedAt"), "format", "field 'updatedAt' must be an ISO-8601 instant such as "
                            + "2026-11-22T01:00:00Z, but was " + Shown.quoted(at));
                }
            }
            author = text(root, At.top("author"), true);
            reason = text(root, At.top("reason"), false);
        }

        private void readUnits(JsonNode root) {
            List<JsonNode> list = array(root, "units", true);
            for (int i = 0; i < list.size(); i++) {
                JsonNode u = list.get(i);
                if (!u.isObject()) {
                    refuse(At.element("units", i, null), "type", "units[" + i + "] must be an object with code and role, but was "
                            + u.getNodeType());
                    units.add(UnitDefinition.of(null, null));
                    continue;
                }
                String code = text(u, At.element("units", i, "code"), true);
                String role = text(u, At.element("units", i, "role"), true);
                UnitRole parsedRole = null;
                if (role != null) {
                    try {
                        parsedRole = UnitRole.valueOf(role);
                    } catch (IllegalArgumentException e) {
                        refuse(At.element("units", i, "role"), "value", "field 'units[" + i + "].role' of unit "
                                + Shown.quoted(code) + " must be CENTER or UNIT, but was " + Shown.quoted(role));
                    }
                }
                Map<String, String> endpoints = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = u.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("code") && !e.getKey().equals("role") && e.getValue().isTextual()) {
                        endpoints.put(e.getKey(), e.getValue().asText());
                    }
                }
                units.add(UnitDefinition.of(code, parsedRole, endpoints));
            }
        }

        private void readTransform(JsonNode root) {
            JsonNode t = root.get("transform");
            if (t == null || t.isNull()) {
                return; // the default
            }
            if (!t.isObject()) {
                refuse(At.top("transform"), "type", "field 'transform' must be an object, but was " + t.getNodeType());
                return;
            }
            String type = text(t, At.top("transform.type"), true);
            int count = SlotTransform.DEFAULT_SLOT_COUNT;
            if (t.has("slotCount")) {
                BigInteger n = integer(t, At.top("transform.slotCount"), true);
                String fault = n == null ? null : RulesValidator.slotCountFault(n);
                if (fault != null) {
                    refuse(At.top("transform.slotCount"), "range", fault); // the value as given, never a clamped one
                }
                if (n == null || fault != null) {
                    refused.add("transform");
                    return;
                }
                count = n.intValueExact();
            }
            if (type == null) {
                refused.add("transform");
                return;
            }
            transform = new SlotTransform(type, count);
        }

        private void readRoutes(JsonNode root) {
            List<JsonNode> list = array(root, "routes", true);
            for (int i = 0; i < list.size(); i++) {
                JsonNode r = list.get(i);
                if (!r.isObject()) {
                    refuse(At.element("routes", i, null), "type", "routes[" + i + "] must be an object with from, to and unit, but was "
                            + r.getNodeType());
                    refused.add("routes[" + i + "].range");
                    refused.add("routes[" + i + "].unit");
                    routes.add(new SlotRoute(null, null));
                    continue;
                }
                SlotRange range = range(r, "routes", i);
                if (range == null) {
                    refused.add("routes[" + i + "].range");
                }
                routes.add(new SlotRoute(range, text(r, At.element("routes", i, "unit"), true)));
            }
        }

        private void readFreezes(JsonNode root) {
            List<JsonNode> list = array(root, "freezes", false);
            for (int i = 0; i < list.size(); i++) {
                JsonNode f = list.get(i);
                if (!f.isObject()) {
                    refuse(At.element("freezes", i, null), "type", "freezes[" + i + "] must be an object with from and to, but was "
                            + f.getNodeType());
                    freezes.add(null);
                    continue;
                }
                SlotRange range = range(f, "freezes", i);
                if (range == null) {
                    refused.add("freezes[" + i + "]");
                }
                freezes.add(range);
            }
        }

        /** from/to of a route or freeze, each an int slot number; null (and the fault noted) otherwise. */
        private SlotRange range(JsonNode node, String list, int i) {
            BigInteger from = integer(node, At.element(list, i, "from"), true);
            BigInteger to = integer(node, At.element(list, i, "to"), true);
            boolean fromFits = from != null && fitsSlot(from, At.element(list, i, "from"));
            boolean toFits = to != null && fitsSlot(to, At.element(list, i, "to"));
            return fromFits && toFits ? SlotRange.of(from.intValue(), to.intValue()) : null;
        }

        /** Whether a number can be a slot at all (an int); a number beyond is refused naming the slot space. */
        private boolean fitsSlot(BigInteger n, At at) {
            if (n.bitLength() <= 31) {
                return true; // in int range; the validator judges it against the slot space
            }
            String space = refused.contains("transform") ? "a slot number in 0.." + (SlotTransform.MAX_SLOT_COUNT - 1)
                    : "a slot in the slot space 0.." + transform.maxSlot();
            refuse(at, "range", "field '" + at.path() + "' must be " + space + ", but was " + Shown.text(n.toString()));
            return false;
        }

        private List<JsonNode> array(JsonNode root, String name, boolean required) {
            JsonNode n = present(root, At.top(name), required);
            List<JsonNode> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (!n.isArray()) {
                refuse(At.top(name), "type", "field '" + name + "' must be an array, but was " + n.getNodeType());
                return out;
            }
            n.forEach(out::add);
            return out;
        }

        /** An integer of any size; null (and the fault noted) when missing or not an integer. */
        private BigInteger integer(JsonNode node, At at, boolean required) {
            JsonNode n = present(node, at, required);
            if (n != null && !n.isIntegralNumber()) {
                refuse(at, "type", "field '" + at.path() + "' must be an integer, but was " + shown(n));
                return null;
            }
            return n == null ? null : n.bigIntegerValue();
        }

        private String text(JsonNode node, At at, boolean required) {
            JsonNode n = present(node, at, required);
            if (n != null && !n.isTextual()) {
                refuse(at, "type", "field '" + at.path() + "' must be a string, but was " + shown(n));
                return null;
            }
            return n == null ? null : n.asText();
        }

        /** The field's value; null (and, when required, the fault noted) when it is missing or null. */
        private JsonNode present(JsonNode node, At at, boolean required) {
            JsonNode n = node.get(at.name());
            if (n == null || n.isNull()) {
                if (required) {
                    refuse(at, "missing", "field '" + at.path() + "' is missing");
                }
                return null;
            }
            return n;
        }

        private static String shown(JsonNode n) {
            return n.isContainerNode() ? "a JSON " + n.getNodeType().name().toLowerCase(Locale.ROOT)
                    : Shown.text(n.toString());
        }

        /**
         * Notes a fault of the field {@code at}; faults of the same field in many elements (10,000 routes
         * without a unit) are summarized after a few.
         */
        private void refuse(At at, String kind, String message) {
            refused.add(at.path());
            if (at.list() == null) {
                faults.add(message);
            } else {
                String field = at.field() == null ? "" : " in field '" + at.field() + "'";
                faults.add("json." + at.list() + "." + at.field() + "." + kind, at.index(), at.index(), message,
                        (more, where, n) -> "and " + more + " more " + at.list() + " have the same fault" + field + ": "
                                + at.list() + " " + where);
            }
        }
    }

    /** Where a field is: a top-level (or transform) field, or a field of element {@code index} of a list. */
    private record At(String list, int index, String field) {
        static At top(String path) {
            return new At(null, -1, path);
        }

        static At element(String list, int index, String field) {
            return new At(list, index, field);
        }

        /** The name of the field inside its object. */
        String name() {
            return field.substring(field.lastIndexOf('.') + 1);
        }

        /** "version", "transform.slotCount", "routes[3].unit", "units[1]". */
        String path() {
            if (list == null) {
                return field;
            }
            return list + "[" + index + "]" + (field == null ? "" : "." + field);
        }
    }

    public static String write(UnitRules rules) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"version\": ").append(rules.version()).append(",\n");
        sb.append("  \"updatedAt\": ").append(quote(rules.updatedAt().toString())).append(",\n");
        sb.append("  \"author\": ").append(quote(rules.author())).append(",\n");
        if (rules.reason() != null) {
            sb.append("  \"reason\": ").append(quote(rules.reason())).append(",\n");
        }
        sb.append("  \"units\": [\n");
        for (int i = 0; i < rules.units().size(); i++) {
            UnitDefinition u = rules.units().get(i);
            sb.append("    {\"code\": ").append(quote(u.code())).append(", \"role\": ").append(quote(u.role().name()));
            u.endpoints().forEach((k, v) -> sb.append(", ").append(quote(k)).append(": ").append(quote(v)));
            sb.append('}').append(i < rules.units().size() - 1 ? ",\n" : "\n");
        }
        sb.append("  ],\n");
        sb.append("  \"transform\": {\"type\": ").append(quote(rules.transform().type()))
                .append(", \"slotCount\": ").append(rules.transform().slotCount()).append("},\n");
        sb.append("  \"routes\": [\n");
        for (int i = 0; i < rules.routes().size(); i++) {
            SlotRoute r = rules.routes().get(i);
            sb.append("    {\"from\": ").append(r.range().from()).append(", \"to\": ").append(r.range().to())
                    .append(", \"unit\": ").append(quote(r.unit())).append('}')
                    .append(i < rules.routes().size() - 1 ? ",\n" : "\n");
        }
        sb.append("  ],\n");
        sb.append("  \"freezes\": [");
        for (int i = 0; i < rules.freezes().size(); i++) {
            SlotRange r = rules.freezes().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"from\": ").append(r.from()).append(", \"to\": ").append(r.to()).append('}');
        }
        sb.append(rules.freezes().isEmpty() ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    private static String quote(String s) {
        return MAPPER.getNodeFactory().textNode(s).toString();
    }
}
