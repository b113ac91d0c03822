package io.unitize.controlcenter.web;

import io.unitize.controlcenter.channel.NacosAgentAcks;
import io.unitize.controlcenter.cutover.RulesAuthority;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.AgentStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** Every live agent per unit with the rules version it has applied. */
@RestController
@RequestMapping("/api/v1/agents")
public class AgentsController {

    private final NacosAgentAcks acks;
    private final RulesAuthority rules;

    public AgentsController(NacosAgentAcks acks, RulesAuthority rules) {
        this.acks = acks;
        this.rules = rules;
    }

    public record UnitAgents(String unit, boolean reachable, String error, int behind, List<AgentStatus> agents) {
    }

    public record AgentsView(Long rulesVersion, List<UnitAgents> units) {
    }

    @GetMapping
    public AgentsView agents() {
        Long latest = rules.latest().map(UnitRules::version).orElse(null);
        List<UnitAgents> units = new ArrayList<>();
        for (String unit : rules.units()) {
            try {
                List<AgentStatus> live = acks.liveAgents(unit);
                int behind = latest == null ? 0 : (int) live.stream().filter(a -> a.appliedVersion() < latest).count();
                units.add(new UnitAgents(unit, true, null, behind, live));
            } catch (RuntimeException e) {
                units.add(new UnitAgents(unit, false, e.getMessage(), 0, List.of()));
            }
        }
        return new AgentsView(latest, units);
    }
}
