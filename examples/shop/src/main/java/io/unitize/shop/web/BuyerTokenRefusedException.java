package io.unitize.shop.web;

/** A bearer token the shop does not accept (401): says what was wrong with it, never echoes the token. */
public class BuyerTokenRefusedException extends RuntimeException {

    public BuyerTokenRefusedException(String message) {
        super(message);
    }
}
