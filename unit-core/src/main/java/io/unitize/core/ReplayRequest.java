package io.unitize.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the control center asks of a unit's MQ layer after a cutover: replay the messages of the
 * moved slots, consumed in the source unit(s), from {@link #replayFrom()} on. The control center
 * sends it as one RocketMQ message (key = cutover id, tag = target unit) on the replay topic of the
 * target unit; the MQ module consumes it. A request may arrive more than once (the control center
 * sends again after a restart): consumers treat {@link #cutoverId()} as the idempotency key.
 *
 * <pre>{@code
 * {"cutoverId":"c-…","targetUnit":"unit-b","sourceUnits":["center"],
 *  "ranges":[{"from":2000,"to":2999}],"freezeEffectiveAt":"2026-11-22T01:00:00.250Z",
 *  "replayFrom":"2026-11-22T00:59:55.250Z","rulesVersion":43}
 * }</pre>
 *
 * @param freezeEffectiveAt T: from this instant no agent accepts a write of the moved slots
 * @param replayFrom        T minus a safety margin (clock skew between units)
 * @param rulesVersion      the version that routes the slots to the target unit
 */
public record ReplayRequest(String cutoverId, String targetUnit, List<String> sourceUnits, List<SlotRange> ranges,
                            Instant freezeEffectiveAt, Instant replayFrom, long rulesVersion) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ReplayRequest {
        Objects.requireNonNull(cutoverId, "cutoverId");
        Objects.requireNonNull(targetUnit, "targetUnit");
        Objects.requireNonNull(freezeEffectiveAt, "freezeEffectiveAt");
        Objects.requireNonNull(replayFrom, "replayFrom");
        sourceUnits = List.copyOf(sourceUnits);
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a replay request needs at least one slot range");
        }
    }

    /** Whether a message of this slot belongs to the replay. */
    public boolean covers(int slot) {
        for (SlotRange r : ranges) {
            if (r.contains(slot)) {
                return true;
            }
        }
        return false;
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cutoverId", cutoverId);
        root.put("targetUnit", targetUnit);
        ArrayNode sources = root.putArray("sourceUnits");
        sourceUnits.forEach(sources::add);
        ArrayNode rs = root.putArray("ranges");
        for (SlotRange r : ranges) {
            rs.addObject().put("from", r.from()).put("to", r.to());
        }
        root.put("freezeEffectiveAt", freezeEffectiveAt.toString());
        root.put("replayFrom", replayFrom.toString());
        root.put("rulesVersion", rulesVersion);
        return root.toString();
    }

    /**
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static ReplayRequest fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("replay request is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("replay request must be a JSON object");
        }
        List<String> sources = new ArrayList<>();
        for (JsonNode n : array(root, "sourceUnits")) {
            sources.add(n.asText());
        }
        List<SlotRange> ranges = new ArrayList<>();
        for (JsonNode n : array(root, "ranges")) {
            ranges.add(SlotRange.of(n.path("from").asInt(), n.path("to").asInt()));
        }
        return new ReplayRequest(text(root, "cutoverId"), text(root, "targetUnit"), sources, ranges,
                instant(root, "freezeEffectiveAt"), instant(root, "replayFrom"), root.path("rulesVersion").asLong());
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException("replay request field '" + field + "' must be an array");
        }
        return n;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("replay request field '" + field + "' is missing");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode root, String field) {
        try {
            return Instant.parse(text(root, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("replay request field '" + field + "' is not an ISO-8601 instant: "
                    + root.get(field).asText());
        }
    }
}
