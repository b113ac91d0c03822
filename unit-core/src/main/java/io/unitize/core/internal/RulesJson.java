package io.unitize.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.InvalidRulesException;
import io.unitize.core.UnitRules;

import java.util.List;

/**
 * The JSON form of the rules document.
 *
 * <p>Reading is strict about the JSON ({@link StrictJsonDocument}: exactly one object, no key twice at
 * any depth), then every field is read and the rules are checked ({@link RulesJsonReader},
 * {@link RulesValidator}); every fault names its field. Writing is canonical ({@link RulesJsonWriter}).
 */
public final class RulesJson {

    private RulesJson() {
    }

    public static UnitRules parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRulesException(List.of("rules JSON is empty"));
        }
        JsonNode root = StrictJsonDocument.read(json);
        if (!root.isObject()) {
            throw new InvalidRulesException(List.of("rules JSON must be an object, but was " + root.getNodeType()));
        }
        return new RulesJsonReader().read(root);
    }

    public static String write(UnitRules rules) {
        return RulesJsonWriter.write(rules);
    }
}
