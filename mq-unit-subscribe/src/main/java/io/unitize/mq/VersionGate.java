package io.unitize.mq;

/**
 * The version-based idempotency helper: remembers the highest applied {@code version} per business
 * key and lets only newer ones through, so replays, duplicates and reorderings are safe:
 * valid@v0, invalid@v1, valid@v2 delivered as v0, v2, v1 ends {@code valid}.
 *
 * <p>Implementations must make {@link #tryAdvance} atomic per key. Keep the store where the
 * business data is (the database, in the same transaction, see {@code JdbcVersionGate}): it is
 * replicated to the other units with the data, so after a cutover the target unit knows what the old
 * unit applied.
 */
public interface VersionGate {

    /** Advances the key's version to {@code version} if it is higher than the stored one; true if it did (apply the message). */
    boolean tryAdvance(String businessKey, long version) throws Exception;
}
