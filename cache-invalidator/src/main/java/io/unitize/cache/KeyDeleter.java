package io.unitize.cache;

import java.util.Collection;

/** Deletes keys in one unit's Redis (the Lettuce adapter implements it). */
@FunctionalInterface
public interface KeyDeleter {

    /** @throws Exception when the unit's Redis cannot be reached or refuses: the caller retries */
    void delete(String unit, Collection<String> keys) throws Exception;
}
