package io.unitize.gateway;

import java.util.List;

/** Finds a request's buyerId from the configured sources, first present wins. */
public final class BuyerIdExtractor {

    private final List<BuyerIdSource> sources;
    private final HmacJwtVerifier jwt;

    /** @param jwt the verifier for {@code jwt:} sources (null when there are none) */
    public BuyerIdExtractor(List<BuyerIdSource> sources, HmacJwtVerifier jwt) {
        this.sources = List.copyOf(sources);
        this.jwt = jwt;
        if (jwt == null && sources.stream().anyMatch(s -> s.kind() == BuyerIdSource.Kind.JWT)) {
            throw new IllegalArgumentException("a jwt: buyer-id source needs the JWT key (unitize.gateway.jwt.secret)");
        }
    }

    /**
     * The buyerId, or null when no source carries one.
     *
     * @throws InvalidTokenException a bearer token is present but not valid (also when another source came first: a bad token is never ignored)
     * @throws InvalidBuyerIdException a source carries a value that is not a number
     */
    public Long extract(RequestView request) {
        Long found = null;
        for (BuyerIdSource source : sources) {
            if (found != null && source.kind() != BuyerIdSource.Kind.JWT) {
                continue; // found: only a bearer token still needs checking (a bad one is never ignored)
            }
            String raw = source.rawValue(request);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            String value = source.kind() == BuyerIdSource.Kind.JWT ? jwt.claim(raw, source.name()) : raw;
            if (found == null) {
                try {
                    found = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidBuyerIdException(source.toString(), value);
                }
            }
        }
        return found;
    }
}
