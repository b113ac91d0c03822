package io.unitize.shop.web;

import io.unitize.shop.ShopProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Who the buyer of a request is: the subject of a verified bearer token when {@code shop.jwt.secret}
 * is set and the request carries one, else {@code X-Buyer-Id}. When both are present they must name
 * the same buyer (400 otherwise), so a header can never speak for another buyer than the token.
 */
@Component
class BuyerIdentity {

    private final BuyerTokenVerifier tokens;

    BuyerIdentity(ShopProperties shop) {
        String secret = shop.getJwt().getSecret();
        this.tokens = secret == null || secret.isEmpty() ? null : new BuyerTokenVerifier(secret, Clock.systemUTC());
    }

    long of(String buyerHeader, String authorization) {
        if (tokens == null || authorization == null || authorization.isEmpty()) {
            return Buyers.parse(ShopController.BUYER_HEADER, buyerHeader);
        }
        long fromToken = tokens.buyerOf(authorization);
        if (buyerHeader != null && !buyerHeader.isEmpty() && Buyers.parse(ShopController.BUYER_HEADER, buyerHeader) != fromToken) {
            throw new BadRequestException(ShopController.BUYER_HEADER, "names another buyer than the bearer token's subject");
        }
        return fromToken;
    }
}
