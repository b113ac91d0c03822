package io.unitize.core;

import java.util.OptionalLong;

/**
 * A rules document was refused because of its version: not newer than the one in force (an agent,
 * a unit's Nacos), or not the one version the receiver accepts next (the control center takes only
 * latest + 1). The message says which version would be accepted.
 */
public class StaleRulesException extends UnitizeException {

    private final long offeredVersion;
    private final long versionInForce;
    private final long expectedVersion; // 0: any version above the one in force

    /**
     * {@code offeredVersion} was refused {@code where} (" in unit center's Nacos") because
     * {@code versionInForce} is in force there. When the offered version is above the one in force,
     * it was refused for not being the next one, and the message says which is expected.
     */
    public StaleRulesException(long offeredVersion, long versionInForce, String where) {
        this(offeredVersion, versionInForce, offeredVersion > versionInForce ? versionInForce + 1 : 0, where);
    }

    private StaleRulesException(long offeredVersion, long versionInForce, long expectedVersion, String where) {
        super(expectedVersion == 0
                ? "rules version " + offeredVersion + " is not newer than version " + versionInForce + " in force" + where
                        + "; publish a version > " + versionInForce
                : "rules version " + offeredVersion + " is not the version expected" + where + ": expected version "
                        + expectedVersion + ", the next after version " + versionInForce + " in force");
        this.offeredVersion = offeredVersion;
        this.versionInForce = versionInForce;
        this.expectedVersion = expectedVersion;
    }

    /** Refused by a receiver that accepts only the version after the one in force (the control center's store). */
    public static StaleRulesException notTheNext(long offeredVersion, long versionInForce, String where) {
        return new StaleRulesException(offeredVersion, versionInForce, versionInForce == Long.MAX_VALUE ? 0 : versionInForce + 1, where);
    }

    public long offeredVersion() {
        return offeredVersion;
    }

    public long versionInForce() {
        return versionInForce;
    }

    /** The one version the receiver would accept, when it accepts only one (latest + 1). */
    public OptionalLong expectedVersion() {
        return expectedVersion == 0 ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
    }
}
