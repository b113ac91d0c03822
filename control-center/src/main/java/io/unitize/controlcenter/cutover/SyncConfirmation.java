package io.unitize.controlcenter.cutover;

/**
 * Confirms that what was written in a source unit before T has arrived in a target unit. One
 * implementation per {@link SyncMode}; add one for another replication tool.
 */
public interface SyncConfirmation {

    SyncMode mode();

    /**
     * Writes the marker in the source unit's database (safe to call again with the same id) and
     * returns the token {@link #arrived} looks for.
     *
     * @throws Exception when the source database cannot be written (retried until the step's timeout)
     */
    String mark(String markerId, String sourceUnit) throws Exception;

    /** Whether the marker behind {@code token} has arrived in {@code targetUnit}; a quick check, polled. */
    boolean arrived(String token, String sourceUnit, String targetUnit) throws Exception;
}
