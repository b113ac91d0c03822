package io.unitize.gateway;

import io.unitize.core.UnitizeException;

/** A buyer-id source carries a value that is not a buyer id (ASCII digits, within 64 bits): answered 400, never routed. */
public class InvalidBuyerIdException extends UnitizeException {

    public InvalidBuyerIdException(String source, String value) {
        this(source, value, "must be ASCII digits 0-9 (at most 19, a value within 64 bits)");
    }

    public InvalidBuyerIdException(String source, String value, String rule) {
        super("UNITIZE-GW-011 buyer id from " + source + " " + rule + ", but was " + Printable.quote(value));
    }
}
