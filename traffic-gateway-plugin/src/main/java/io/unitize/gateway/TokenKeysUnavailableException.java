package io.unitize.gateway;

import io.unitize.core.UnitizeException;

/** The keys that verify bearer tokens (a JWK set URL) cannot be fetched: answered 503, never routed. Not the client's fault. */
public class TokenKeysUnavailableException extends UnitizeException {

    public TokenKeysUnavailableException(String message, Throwable cause) {
        super("UNITIZE-GW-024 the keys that verify bearer tokens cannot be fetched: " + message
                + ". Check the JWK set URL (unitize.gateway.jwt.jwk-set-uri) and that the identity provider is reachable", cause);
    }
}
