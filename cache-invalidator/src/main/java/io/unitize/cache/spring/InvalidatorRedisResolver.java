package io.unitize.cache.spring;

import io.unitize.cache.InvalidatorConfigException;
import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Redis of every unit for the invalidator: each unit's {@code redis.<cluster>} endpoint in the
 * unit directory ({@code units[]}), {@code cluster} being {@code unitize.cache.invalidator.cluster}.
 * The deprecated {@code unitize.cache.invalidator.redis.<unit>} map serves only where units[] gives
 * no such endpoint, and a value of it that disagrees with units[] is refused naming both.
 */
final class InvalidatorRedisResolver {

    private static final Logger log = LoggerFactory.getLogger(InvalidatorRedisResolver.class);
    static final String MAP = "unitize.cache.invalidator.redis";
    private static final String P = "unitize.cache.invalidator.";

    private InvalidatorRedisResolver() {
    }

    static Map<String, String> resolve(Map<String, String> local, String cluster, UnitDirectory rules) {
        if (rules == null) {
            if (local.isEmpty()) {
                throw new InvalidatorConfigException("unitize.cache.invalidator: no rules yet to read every unit's Redis from "
                        + "(units[] endpoints redis." + cluster + "); start with the unit's Nacos reachable or a rules snapshot file");
            }
            log.warn("UNITIZE-CACHE-025 {} is deprecated (removed in the next release) and used because this process has no rules "
                    + "to read units[] from. Next: give every unit \"redis.{}\" in units[] and remove the map", MAP, cluster);
            return local;
        }
        Map<String, String> fromDirectory = new LinkedHashMap<>();
        for (UnitDefinition u : rules.units()) {
            String endpoint = u.endpoint(UnitEndpoints.redis(cluster));
            if (endpoint != null) {
                fromDirectory.put(u.code(), endpoint);
            }
        }
        if (fromDirectory.isEmpty()) {
            checkUnits(local.keySet(), rules);
            log.warn("UNITIZE-CACHE-025 {} is deprecated (removed in the next release) and used because units[] of rules version {} "
                    + "gives no unit a redis.{} endpoint. Next: add it to every unit in units[] and remove the map", MAP, rules.version(), cluster);
            return local;
        }
        checkUnits(fromDirectory.keySet(), rules); // every unit, or a unit's keys stay stale
        for (String unit : local.keySet()) {
            if (!fromDirectory.containsKey(unit)) {
                checkUnits(local.keySet(), rules);
            }
            DeprecatedUnitProperty.named(MAP + "." + unit, "units[] endpoint redis." + cluster + " of unit " + unit)
                    .resolve(local.get(unit), fromDirectory.get(unit));
        }
        return fromDirectory;
    }

    /** The Redis map names exactly the units of the rules document: a missing unit would keep stale keys, an extra one is a typo. */
    static void checkUnits(Set<String> configured, UnitDirectory rules) {
        Set<String> known = new TreeSet<>(rules.codes());
        for (String c : configured) {
            if (!known.contains(c)) {
                throw new InvalidatorConfigException(P + "redis." + c + ": unknown unit '" + c + "' (units of rules version "
                        + rules.version() + ": " + known + ")");
            }
        }
        for (String k : known) {
            if (!configured.contains(k)) {
                throw new InvalidatorConfigException(P + "redis: no Redis for unit '" + k + "' (units of rules version "
                        + rules.version() + ": " + known + ")");
            }
        }
    }
}
