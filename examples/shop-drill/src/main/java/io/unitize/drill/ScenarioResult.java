package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One scenario of the drill: its load, cutovers, what happened (notes), and the verdicts. */
public record ScenarioResult(String name, String fault, double rate, long startedAt, long endedAt, List<Sample> samples,
                             List<JsonNode> cutovers, List<Verdict> verdicts, List<String> notes, boolean faultVerdict) {

    public boolean passed() {
        return faultVerdict && verdicts.stream().allMatch(Verdict::holds);
    }
}
