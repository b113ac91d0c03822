package io.unitize.mq;

import io.unitize.core.UnitizeException;

/** A message whose Unitize properties cannot be read (e.g. a buyerId that is not a number). */
public class MalformedUnitMessageException extends UnitizeException {

    public MalformedUnitMessageException(String message) {
        super("UNITIZE-MQ-002 " + message);
    }
}
