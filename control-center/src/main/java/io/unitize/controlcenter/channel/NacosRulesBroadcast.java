package io.unitize.controlcenter.channel;

import io.unitize.controlcenter.cutover.RulesBroadcast;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublishException;
import io.unitize.core.nacos.RulesPublisher;

import java.util.LinkedHashSet;
import java.util.Set;

/** Publishes through unit-core's {@link RulesPublisher} to the Nacos of every configured unit. */
public class NacosRulesBroadcast implements RulesBroadcast {

    private final RulesPublisher publisher;

    public NacosRulesBroadcast(RulesPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(UnitRules rules, Set<String> mayFail) {
        try {
            publisher.publish(rules, mayFail); // a unit that may fail (a failover's lost unit) is tried without being waited for
        } catch (RulesPublishException e) {
            if (!mayFail.containsAll(e.failures().keySet())) {
                throw e;
            }
        }
    }

    @Override
    public Set<String> failingUnits() {
        return publisher.failingUnits();
    }

    @Override
    public Set<String> units() {
        return new LinkedHashSet<>(publisher.units());
    }

    /** The document in force in one unit's Nacos, for the API. */
    public java.util.Optional<UnitRules> inForce(String unit) {
        return publisher.current(unit);
    }
}
