package io.unitize.gateway;

import io.unitize.core.UnitizeException;

/** The request names two different buyers (two values of one source, or two sources that disagree): answered 400, never routed. */
public class ConflictingBuyerIdException extends UnitizeException {

    public ConflictingBuyerIdException(String firstSource, long first, String secondSource, long second) {
        super("UNITIZE-GW-012 the request names more than one buyer: " + firstSource + " says " + first + ", " + secondSource + " says "
                + second + "; send one buyer id (the same value wherever it appears)");
    }
}
