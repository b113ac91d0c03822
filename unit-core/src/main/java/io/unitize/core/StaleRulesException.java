package io.unitize.core;

/** A rules document was refused because its version is not newer than the one in force. */
public class StaleRulesException extends UnitizeException {

    private final long offeredVersion;
    private final long versionInForce;

    public StaleRulesException(long offeredVersion, long versionInForce, String where) {
        super("rules version " + offeredVersion + " is not newer than version " + versionInForce + " in force" + where
                + "; publish a version > " + versionInForce);
        this.offeredVersion = offeredVersion;
        this.versionInForce = versionInForce;
    }

    public long offeredVersion() {
        return offeredVersion;
    }

    public long versionInForce() {
        return versionInForce;
    }
}
