package io.unitize.mq.spring;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitEndpoints;
import io.unitize.mq.MqConfigException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peers the replicator copies to and their RocketMQ name servers: every other unit of the unit
 * directory, by its {@code rocketmq} endpoint in {@code units[]}. The deprecated
 * {@code unitize.mq.replicator.peers} map serves only where units[] gives no peer that endpoint,
 * and a value of it that disagrees is refused naming both.
 */
final class ReplicatorPeers {

    static final String PROPERTY = "unitize.mq.replicator.peers";

    private ReplicatorPeers() {
    }

    /** Peer unit code -> name server; {@code directory} null when the process has no rules. */
    static Map<String, String> resolve(Map<String, String> local, UnitDirectory.Local directory) {
        Map<String, String> fromDirectory = new LinkedHashMap<>();
        if (directory != null) {
            for (UnitDefinition peer : directory.peers()) {
                String namesrv = peer.endpoint(UnitEndpoints.ROCKETMQ);
                if (namesrv != null) {
                    fromDirectory.put(peer.code(), namesrv);
                }
            }
        }
        if (fromDirectory.isEmpty()) {
            local.forEach((unit, namesrv) -> DeprecatedUnitProperty.named(PROPERTY + "." + unit, "units[] rocketmq endpoint of unit " + unit)
                    .resolve(namesrv, null));
            return local;
        }
        for (Map.Entry<String, String> e : local.entrySet()) {
            DeprecatedUnitProperty.named(PROPERTY + "." + e.getKey(), "units[] rocketmq endpoint of unit " + e.getKey())
                    .resolve(e.getValue(), directory.all().find(e.getKey()).map(u -> u.endpoint(UnitEndpoints.ROCKETMQ))
                            .orElseThrow(() -> new MqConfigException(PROPERTY + "." + e.getKey() + ": unit '" + e.getKey()
                                    + "' is not a peer in units[] of rules version " + directory.version() + " (peers: "
                                    + directory.peers().stream().map(UnitDefinition::code).toList() + ")")));
        }
        if (fromDirectory.size() < directory.peers().size()) {
            throw new MqConfigException("units[] of rules version " + directory.version() + " gives a rocketmq endpoint to peers "
                    + fromDirectory.keySet() + " only; the replicator needs every peer's (peers: "
                    + directory.peers().stream().map(UnitDefinition::code).toList() + ")");
        }
        return fromDirectory;
    }
}
