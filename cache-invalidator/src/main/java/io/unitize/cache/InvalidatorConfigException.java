package io.unitize.cache;

import io.unitize.core.UnitizeConfigException;

/** Bad invalidator configuration (unknown table, column or source, malformed template): fails startup naming it. */
public class InvalidatorConfigException extends UnitizeConfigException {

    static final String ACTION = "Set or fix the unitize.invalidator.* (or unitize.unit) property named above, as cache-invalidator's README shows, then start again.";

    public InvalidatorConfigException(String message) {
        super("UNITIZE-CACHE-001 " + message, ACTION);
    }
}
