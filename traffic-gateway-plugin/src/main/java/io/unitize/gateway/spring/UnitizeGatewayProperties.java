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
    /** Retry-After sent with a 503: an edge-freeze refusal, an overloaded or unreachable next hop. */
    private Duration retryAfter = Duration.ofSeconds(2);
    private final Jwt jwt = new Jwt();
    private final Hop hop = new Hop();

    /** Bearer tokens read by {@code jwt:} buyer-id sources (Nimbus JOSE+JWT). */
    public static class Jwt {
        /** HS256 secret (at least 32 bytes). */
        private String secret;
        /** RS256/ES256: URL of the identity provider's JWK set (fetched on first use, cached, refreshed ahead of expiry). */
        private String jwkSetUri;
        /** RS256/ES256: a JWK set file (read at startup). */
        private String jwkSetFile;
        /** When set, the {@code iss} claim must equal it. */
        private String issuer;
        /** When not empty, the {@code aud} claim must contain one of these. */
        private List<String> audiences = new ArrayList<>();
        /** Tokens without {@code exp} are refused. */
        private boolean requireExpiration = true;
        /** Clock skew tolerated for {@code exp} / {@code nbf}. */
        private Duration leeway = Duration.ofSeconds(30);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getJwkSetUri() {
            return jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public String getJwkSetFile() {
            return jwkSetFile;
        }

        public void setJwkSetFile(String jwkSetFile) {
            this.jwkSetFile = jwkSetFile;
        }

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public List<String> getAudiences() {
            return audiences;
        }

        public void setAudiences(List<String> audiences) {
            this.audiences = audiences;
        }

        public boolean isRequireExpiration() {
            return requireExpiration;
        }

        public void setRequireExpiration(boolean requireExpiration) {
            this.requireExpiration = requireExpiration;
        }

        public Duration getLeeway() {
            return leeway;
        }

        public void setLeeway(Duration leeway) {
            this.leeway = leeway;
        }
    }

    /** The gateway-to-gateway hop: HMAC-SHA256 with a shared key (see the module README, "Hop authentication"). */
    public static class Hop {
        /** One or two keys (id + secret of at least 32 bytes): the current one and, while rotating, the previous or next one. */
        private List<Key> keys = new ArrayList<>();
        /** The key this gateway signs with; default: the first of {@code keys}. */
        private String signingKeyId;
        /** How far a hop's timestamp may be from this gateway's clock, either way. */
        private Duration replayWindow = Duration.ofSeconds(10);
        /** How many hop nonces are remembered (for twice the replay window) to refuse replays. */
        private int maxTrackedNonces = 200_000;

        public static class Key {
            private String id;
            private String secret;

            public String getId() {
                return id;
            }

            public void setId(String id) {
                this.id = id;
            }

            public String getSecret() {
                return secret;
            }

            public void setSecret(String secret) {
                this.secret = secret;
            }
        }

        public List<Key> getKeys() {
            return keys;
        }

        public void setKeys(List<Key> keys) {
            this.keys = keys;
        }

        public String getSigningKeyId() {
            return signingKeyId;
        }

        public void setSigningKeyId(String signingKeyId) {
            this.signingKeyId = signingKeyId;
        }

        public Duration getReplayWindow() {
            return replayWindow;
        }

        public void setReplayWindow(Duration replayWindow) {
            this.replayWindow = replayWindow;
        }

        public int getMaxTrackedNonces() {
            return maxTrackedNonces;
        }

        public void setMaxTrackedNonces(int maxTrackedNonces) {
            this.maxTrackedNonces = maxTrackedNonces;
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

    public Hop getHop() {
        return hop;
    }
}
