package io.unitize.core.internal;

import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRules;

/** Writes the canonical JSON form: fixed field order, one unit/range per line, so that two versions diff line by line. */
final class RulesJsonWriter {

    private RulesJsonWriter() {
    }

    static String write(UnitRules rules) {
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
            if (u.index() != null) {
                sb.append(", \"index\": ").append(u.index());
            }
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
        return StrictJsonDocument.MAPPER.getNodeFactory().textNode(s).toString();
    }
}
