package io.unitize.controlcenter.integrity.misroute;

import java.time.Instant;

/**
 * A write that the rules in force at its commit time did not allow in the unit that made it.
 *
 * @param writingUnit  the unit whose database the write was first committed in
 * @param serverId     that database's server id (the binlog's origin)
 * @param ownerUnit    the unit that owned the buyer's slot under {@code rulesVersion}
 * @param rulesVersion the version in force at the commit time
 * @param kind         NOT_OWNER (the slot belonged to another unit) or FROZEN (the slot was frozen everywhere)
 */
public record MisrouteWrite(Instant detectedAt, String writingUnit, long serverId, String table, String key, long buyerId,
                            int slot, String ownerUnit, long rulesVersion, Kind kind, String type, Instant committedAt) {

    public enum Kind { NOT_OWNER, FROZEN }
}
