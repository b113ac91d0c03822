package io.unitize.core.nacos;

/**
 * A live agent as its unit's Nacos lists it: kind (gateway, rpc-consumer, db-guard, ...), unit,
 * a process-unique id, and the rules version it has applied (0 = none yet).
 */
public record AgentStatus(String agentId, String kind, String unit, long appliedVersion, String host, long pid) {
}
