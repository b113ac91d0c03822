package io.unitize.gateway;

import io.unitize.core.UnitizeException;

/** A buyer-id source is present but not a number: answered 400, never routed. */
public class InvalidBuyerIdException extends UnitizeException {

    public InvalidBuyerIdException(String source, String value) {
        super("UNITIZE-GW-011 buyer id from " + source + " must be a number, but was '" + value + "'");
    }
}
