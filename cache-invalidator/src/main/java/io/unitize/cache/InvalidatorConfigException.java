package io.unitize.cache;

import io.unitize.core.UnitizeException;

/** Bad invalidator configuration (unknown table, column or source, malformed template): fails startup naming it. */
public class InvalidatorConfigException extends UnitizeException {

    public InvalidatorConfigException(String message) {
        super("UNITIZE-CACHE-001 " + message);
    }
}
