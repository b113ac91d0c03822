package io.unitize.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the rules document. Reading names the field that is missing or has the wrong
 * type; unknown fields are ignored (fields may be added, DESIGN.md). Writing is canonical: fixed
 * field order, one unit/range per line, so that two versions diff line by line.
 */
public final class RulesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesJson() {
    }

    public static UnitRules parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRulesException(List.of("rules JSON is empty"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(List.of("rules JSON is malformed at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        }
        if (!root.isObject()) {
            throw new InvalidRulesException(List.of("rules JSON must be an object, but was " + root.getNodeType()));
        }
        List<String> errors = new ArrayList<>();
        UnitRules.Builder b = UnitRules.builder();
        b.version(longField(root, "version", errors));
        String updatedAt = textField(root, "updatedAt", true, errors);
        if (updatedAt != null) {
            try {
                b.updatedAt(Instant.parse(updatedAt));
            } catch (DateTimeParseException e) {
                errors.add("field 'updatedAt' must be an ISO-8601 instant such as 2026-11-22T01:00:00Z, but was \"" + updatedAt + "\"");
            }
        }
        b.author(textField(root, "author", true, errors));
        b.reason(textField(root, "reason", false, errors));
        for (JsonNode u : array(root, "units", true, errors)) {
            b.unit(unit(u, errors));
        }
        JsonNode t = root.get("transform");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                errors.add("field 'transform' must be an object, but was " + t.getNodeType());
            } else {
                String type = textField(t, "type", true, errors, "transform.");
                long count = t.has("slotCount") ? longField(t, "slotCount", errors, "transform.") : SlotTransform.DEFAULT_SLOT_COUNT;
                b.transform(new SlotTransform(type, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, count))));
            }
        }
        List<JsonNode> routes = array(root, "routes", true, errors);
        for (int i = 0; i < routes.size(); i++) {
            JsonNode r = routes.get(i);
            SlotRange range = range(r, "routes[" + i + "].", errors);
            String unit = textField(r, "unit", true, errors, "routes[" + i + "].");
            if (range != null) {
                b.route(new SlotRoute(range, unit));
            }
        }
        List<JsonNode> freezes = array(root, "freezes", false, errors);
        for (int i = 0; i < freezes.size(); i++) {
            SlotRange range = range(freezes.get(i), "freezes[" + i + "].", errors);
            if (range != null) {
                b.freeze(range);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRulesException(errors);
        }
        return b.build();
    }

    private static UnitDefinition unit(JsonNode u, List<String> errors) {
        if (!u.isObject()) {
            errors.add("each entry of 'units' must be an object, but one was " + u.getNodeType());
            return UnitDefinition.of(null, null);
        }
        String code = textField(u, "code", true, errors, "units[].");
        String role = textField(u, "role", true, errors, "units[" + code + "].");
        UnitRole parsedRole = null;
        if (role != null) {
            try {
                parsedRole = UnitRole.valueOf(role);
            } catch (IllegalArgumentException e) {
                errors.add("field 'units[" + code + "].role' must be CENTER or UNIT, but was \"" + role + "\"");
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
        return UnitDefinition.of(code, parsedRole, endpoints);
    }

    private static SlotRange range(JsonNode r, String prefix, List<String> errors) {
        if (!r.isObject()) {
            errors.add("'" + prefix.substring(0, prefix.length() - 1) + "' must be an object with from/to, but was " + r.getNodeType());
            return null;
        }
        int before = errors.size();
        long from = longField(r, "from", errors, prefix);
        long to = longField(r, "to", errors, prefix);
        if (errors.size() > before) {
            return null;
        }
        if (from < Integer.MIN_VALUE || from > Integer.MAX_VALUE || to < Integer.MIN_VALUE || to > Integer.MAX_VALUE) {
            errors.add("'" + prefix + "from/to' " + from + "-" + to + " is outside the slot space");
            return null;
        }
        return SlotRange.of((int) from, (int) to);
    }

    private static List<JsonNode> array(JsonNode root, String name, boolean required, List<String> errors) {
        JsonNode n = root.get(name);
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            if (required) {
                errors.add("field '" + name + "' is missing");
            }
            return out;
        }
        if (!n.isArray()) {
            errors.add("field '" + name + "' must be an array, but was " + n.getNodeType());
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    private static long longField(JsonNode node, String name, List<String> errors) {
        return longField(node, name, errors, "");
    }

    private static long longField(JsonNode node, String name, List<String> errors, String prefix) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            errors.add("field '" + prefix + name + "' is missing");
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            errors.add("field '" + prefix + name + "' must be an integer, but was " + n);
            return 0;
        }
        return n.asLong();
    }

    private static String textField(JsonNode node, String name, boolean required, List<String> errors) {
        return textField(node, name, required, errors, "");
    }

    private static String textField(JsonNode node, String name, boolean required, List<String> errors, String prefix) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add("field '" + prefix + name + "' is missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            errors.add("field '" + prefix + name + "' must be a string, but was " + n);
            return null;
        }
        return n.asText();
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
