package io.unitize.controlcenter.cutover;

import io.unitize.core.UnitRules;

import java.util.Set;

/** Publishes a rules document to every unit. */
public interface RulesBroadcast {

    /**
     * @param mayFail units whose failure is tolerated (a lost unit in an accepted-loss failover): they are tried
     *                without being waited for
     * @throws io.unitize.core.nacos.RulesPublishException if another unit could not be written
     * @throws io.unitize.core.StaleRulesException if a unit holds a newer version
     */
    void publish(UnitRules rules, Set<String> mayFail);

    Set<String> units();

    /** Units whose last publication failed: the periodic catch-up tries them without waiting for them. */
    default Set<String> failingUnits() {
        return Set.of();
    }
}
