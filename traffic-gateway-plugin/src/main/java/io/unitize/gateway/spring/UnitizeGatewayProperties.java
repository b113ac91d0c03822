package io.unitize.gateway.spring;

import io.unitize.gateway.NoBuyerPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code unitize.gateway.*}: how this unit's gateway finds buyers and routes them. */
@ConfigurationProperties("unitize.gateway")
public class UnitizeGatewayProperties {

    /** Route requests by the buyer's home unit. */
    private boolean enabled = true;
    /**
     * Where a request carries its buyerId, tried in order: {@code header:X-Buyer-Id},
     * {@code cookie:buyer_id}, {@code query:buyerId}, {@code path:/api/buyers/{buyerId}/**}, {@code jwt:sub}.
     */
    private List<String> buyerIdSources = new ArrayList<>(List.of("header:X-Buyer-Id"));
    /** Requests without a buyerId: served locally, or sent to the center unit. */
    private NoBuyerPolicy noBuyer = NoBuyerPolicy.LOCAL;
    /** During a freeze, answer writes (not GET/HEAD/OPTIONS) of frozen buyers with 503 + Retry-After at the edge. */
    private boolean edgeFreeze = true;
    /** Retry-After sent with an edge-freeze refusal. */
    private Duration retryAfter = Duration.ofSeconds(2);
    private final Jwt jwt = new Jwt();

    public static class Jwt {
        /** HS256 key (at least 32 bytes) that signs the bearer tokens read by {@code jwt:} sources. */
        private String secret;
        /** Clock skew tolerated for {@code exp} / {@code nbf}. */
        private Duration leeway = Duration.ofSeconds(30);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getLeeway() {
            return leeway;
        }

        public void setLeeway(Duration leeway) {
            this.leeway = leeway;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getBuyerIdSources() {
        return buyerIdSources;
    }

    public void setBuyerIdSources(List<String> buyerIdSources) {
        this.buyerIdSources = buyerIdSources;
    }

    public NoBuyerPolicy getNoBuyer() {
        return noBuyer;
    }

    public void setNoBuyer(NoBuyerPolicy noBuyer) {
        this.noBuyer = noBuyer;
    }

    public boolean isEdgeFreeze() {
        return edgeFreeze;
    }

    public void setEdgeFreeze(boolean edgeFreeze) {
        this.edgeFreeze = edgeFreeze;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public Jwt getJwt() {
        return jwt;
    }
}
