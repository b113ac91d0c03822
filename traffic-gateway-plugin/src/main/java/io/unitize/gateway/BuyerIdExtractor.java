package io.unitize.gateway;

import java.util.List;

/**
 * Finds a request's buyerId. One rule for every source: a value is 1 to 19 ASCII digits within 64
 * bits (query values decoded once, path segments decoded once, headers and cookies as sent); an
 * empty value counts as absent; every configured source is read and all values found must name the
 * same buyer, else the request is refused (400). A bearer token, when present, is always verified.
 */
public final class BuyerIdExtractor {

    private final List<BuyerIdSource> sources;
    private final BearerTokenVerifier jwt;

    /** @param jwt the verifier for {@code jwt:} sources (null when there are none) */
    public BuyerIdExtractor(List<BuyerIdSource> sources, BearerTokenVerifier jwt) {
        this.sources = List.copyOf(sources);
        this.jwt = jwt;
        if (jwt == null && sources.stream().anyMatch(s -> s.kind() == BuyerIdSource.Kind.JWT)) {
            throw new IllegalArgumentException("a jwt: buyer-id source needs token keys (unitize.gateway.jwt.secret, "
                    + "unitize.gateway.jwt.jwk-set-uri or unitize.gateway.jwt.jwk-set-file)");
        }
    }

    /**
     * The buyerId, or null when no source carries one.
     *
     * @throws InvalidTokenException a bearer token is present but not valid
     * @throws InvalidBuyerIdException a source carries a value that is not a buyer id
     * @throws ConflictingBuyerIdException two values name different buyers
     */
    public Long extract(RequestView request) {
        long found = 0;
        BuyerIdSource foundIn = null;
        for (BuyerIdSource source : sources) {
            for (String raw : source.rawValues(request)) {
                if (raw == null || raw.isEmpty()) {
                    continue;
                }
                String text = source.kind() == BuyerIdSource.Kind.JWT ? jwt.claim(raw, source.name()) : raw;
                long id = BuyerIdText.parse(source.toString(), text);
                if (foundIn == null) {
                    found = id;
                    foundIn = source;
                } else if (id != found) {
                    throw new ConflictingBuyerIdException(foundIn.toString(), found, source.toString(), id);
                }
            }
        }
        return foundIn == null ? null : found;
    }
}
