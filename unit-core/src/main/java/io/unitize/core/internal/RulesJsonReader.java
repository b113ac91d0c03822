package io.unitize.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;

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
 * Reads the fields of one rules document (a JSON object), collecting every fault, each naming its
 * field; then checks the rules on what it could read ({@link RulesValidator}), so that a missing
 * {@code author} does not hide a gap in the routes: one refusal lists both. Numbers that do not fit
 * the field are refused with the field's range and the value as given. Unknown fields are ignored
 * (fields may be added, DESIGN.md); in a unit object every other string field is an endpoint.
 */
final class RulesJsonReader {

    /** The fields of a unit object that are not endpoints. */
    private static final Set<String> UNIT_FIELDS = Set.of("code", "role", "index");
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
        BigInteger v = integer(root, JsonFieldAt.top("version"), true);
        if (v == null) {
            return;
        }
        if (v.bitLength() > 63) {
            refuse(JsonFieldAt.top("version"), "range", "field 'version' must be an integer in 1.." + Long.MAX_VALUE
                    + " (64 bits), but was " + Shown.text(v.toString()));
        } else {
            version = v.longValue();
        }
    }

    private void readMetadata(JsonNode root) {
        String at = text(root, JsonFieldAt.top("updatedAt"), true);
        if (at != null) {
            try {
                updatedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                refuse(JsonFieldAt.top("updatedAt"), "format", "field 'updatedAt' must be an ISO-8601 instant such as "
                        + "2026-11-22T01:00:00Z, but was " + Shown.quoted(at));
            }
        }
        author = text(root, JsonFieldAt.top("author"), true);
        reason = text(root, JsonFieldAt.top("reason"), false);
    }

    private void readUnits(JsonNode root) {
        List<JsonNode> list = array(root, "units", true);
        for (int i = 0; i < list.size(); i++) {
            JsonNode u = list.get(i);
            if (!u.isObject()) {
                refuse(JsonFieldAt.element("units", i, null), "type", "units[" + i + "] must be an object with code and role, but was "
                        + u.getNodeType());
                units.add(UnitDefinition.of(null, null));
                continue;
            }
            String code = text(u, JsonFieldAt.element("units", i, "code"), true);
            String role = text(u, JsonFieldAt.element("units", i, "role"), true);
            UnitRole parsedRole = null;
            if (role != null) {
                try {
                    parsedRole = UnitRole.valueOf(role);
                } catch (IllegalArgumentException e) {
                    refuse(JsonFieldAt.element("units", i, "role"), "value", "field 'units[" + i + "].role' of unit "
                            + Shown.quoted(code) + " must be CENTER or UNIT, but was " + Shown.quoted(role));
                }
            }
            Integer index = unitIndex(u, i, code);
            Map<String, String> endpoints = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = u.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!UNIT_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
                    endpoints.put(e.getKey(), e.getValue().asText());
                }
            }
            units.add(new UnitDefinition(code, parsedRole, index, endpoints));
        }
    }

    /** The optional {@code index} of units[i]: an int, or null when absent (a document before the unit directory). */
    private Integer unitIndex(JsonNode u, int i, String code) {
        JsonFieldAt at = JsonFieldAt.element("units", i, "index");
        BigInteger n = integer(u, at, false);
        if (n == null) {
            return null;
        }
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(RulesValidator.MAX_UNIT_INDEX)) > 0) {
            refuse(at, "range", "field '" + at.path() + "' of unit " + Shown.quoted(code) + " must be in 0.."
                    + RulesValidator.MAX_UNIT_INDEX + ", but was " + Shown.text(n.toString()));
            return null;
        }
        return n.intValue();
    }

    private void readTransform(JsonNode root) {
        JsonNode t = root.get("transform");
        if (t == null || t.isNull()) {
            return; // the default
        }
        if (!t.isObject()) {
            refuse(JsonFieldAt.top("transform"), "type", "field 'transform' must be an object, but was " + t.getNodeType());
            return;
        }
        String type = text(t, JsonFieldAt.top("transform.type"), true);
        int count = SlotTransform.DEFAULT_SLOT_COUNT;
        if (t.has("slotCount")) {
            BigInteger n = integer(t, JsonFieldAt.top("transform.slotCount"), true);
            String fault = n == null ? null : RulesValidator.slotCountFault(n);
            if (fault != null) {
                refuse(JsonFieldAt.top("transform.slotCount"), "range", fault); // the value as given, never a clamped one
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
                refuse(JsonFieldAt.element("routes", i, null), "type", "routes[" + i + "] must be an object with from, to and unit, but was "
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
            routes.add(new SlotRoute(range, text(r, JsonFieldAt.element("routes", i, "unit"), true)));
        }
    }

    private void readFreezes(JsonNode root) {
        List<JsonNode> list = array(root, "freezes", false);
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            if (!f.isObject()) {
                refuse(JsonFieldAt.element("freezes", i, null), "type", "freezes[" + i + "] must be an object with from and to, but was "
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
        BigInteger from = integer(node, JsonFieldAt.element(list, i, "from"), true);
        BigInteger to = integer(node, JsonFieldAt.element(list, i, "to"), true);
        boolean fromFits = from != null && fitsSlot(from, JsonFieldAt.element(list, i, "from"));
        boolean toFits = to != null && fitsSlot(to, JsonFieldAt.element(list, i, "to"));
        return fromFits && toFits ? SlotRange.of(from.intValue(), to.intValue()) : null;
    }

    /** Whether a number can be a slot at all (an int); a number beyond is refused naming the slot space. */
    private boolean fitsSlot(BigInteger n, JsonFieldAt at) {
        if (n.bitLength() <= 31) {
            return true; // in int range; the validator judges it against the slot space
        }
        String space = refused.contains("transform") ? "a slot number in 0.." + (SlotTransform.MAX_SLOT_COUNT - 1)
                : "a slot in the slot space 0.." + transform.maxSlot();
        refuse(at, "range", "field '" + at.path() + "' must be " + space + ", but was " + Shown.text(n.toString()));
        return false;
    }

    private List<JsonNode> array(JsonNode root, String name, boolean required) {
        JsonNode n = present(root, JsonFieldAt.top(name), required);
        List<JsonNode> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            refuse(JsonFieldAt.top(name), "type", "field '" + name + "' must be an array, but was " + n.getNodeType());
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    /** An integer of any size; null (and the fault noted) when missing or not an integer. */
    private BigInteger integer(JsonNode node, JsonFieldAt at, boolean required) {
        JsonNode n = present(node, at, required);
        if (n != null && !n.isIntegralNumber()) {
            refuse(at, "type", "field '" + at.path() + "' must be an integer, but was " + shown(n));
            return null;
        }
        return n == null ? null : n.bigIntegerValue();
    }

    private String text(JsonNode node, JsonFieldAt at, boolean required) {
        JsonNode n = present(node, at, required);
        if (n != null && !n.isTextual()) {
            refuse(at, "type", "field '" + at.path() + "' must be a string, but was " + shown(n));
            return null;
        }
        return n == null ? null : n.asText();
    }

    /** The field's value; null (and, when required, the fault noted) when it is missing or null. */
    private JsonNode present(JsonNode node, JsonFieldAt at, boolean required) {
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
    private void refuse(JsonFieldAt at, String kind, String message) {
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
