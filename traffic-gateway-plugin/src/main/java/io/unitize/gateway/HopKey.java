package io.unitize.gateway;

import java.util.regex.Pattern;

/**
 * A shared secret that signs gateway-to-gateway hops, named by an id that travels with every
 * signature (so that a receiver knows which of its accepted keys to check, and keys can rotate).
 */
public record HopKey(String id, byte[] secret) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    public HopKey {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("hop key id must be 1 to 32 of [A-Za-z0-9._-], but was " + Printable.quote(id));
        }
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("hop key '" + id + "' must have a secret of at least 32 bytes (256 bits), but has "
                    + (secret == null ? 0 : secret.length));
        }
        secret = secret.clone();
    }

    @Override
    public String toString() {
        return "HopKey[" + id + "]"; // never the secret
    }
}
