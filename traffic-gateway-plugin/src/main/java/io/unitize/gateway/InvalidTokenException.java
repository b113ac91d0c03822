package io.unitize.gateway;

import io.unitize.core.UnitizeException;

/** The bearer token is malformed, badly signed, expired or lacks the buyer claim: answered 401, never routed. */
public class InvalidTokenException extends UnitizeException {

    public InvalidTokenException(String message) {
        super("UNITIZE-GW-010 bearer token refused: " + message);
    }
}
