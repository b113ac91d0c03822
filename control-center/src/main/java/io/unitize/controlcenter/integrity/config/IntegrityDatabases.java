package io.unitize.controlcenter.integrity.config;

import io.unitize.controlcenter.sync.UnitDatabases;

/**
 * The integrity checks' own connection pools to the unit databases (a {@link UnitDatabases} of
 * their own, so a long data check never waits for, or holds up, a cutover's marker).
 */
public record IntegrityDatabases(UnitDatabases pools) implements AutoCloseable {

    @Override
    public void close() {
        pools.close();
    }
}
