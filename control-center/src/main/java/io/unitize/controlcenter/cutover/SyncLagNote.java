package io.unitize.controlcenter.cutover;

/**
 * What CONFIRM_SYNC adds to its step detail for one confirmed direction (the replication lag the
 * control center measured then, say); "" for nothing.
 */
@FunctionalInterface
public interface SyncLagNote {

    SyncLagNote NONE = (source, target) -> "";

    String noteFor(String sourceUnit, String targetUnit);
}
