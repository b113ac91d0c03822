package io.unitize.gateway.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.gateway.BuyerIdExtractor;
import io.unitize.gateway.BuyerIdSource;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayDecision;
import io.unitize.gateway.GatewayRouteDecider;
import io.unitize.gateway.BearerTokenVerifier;
import io.unitize.gateway.HopAuthenticator;
import io.unitize.gateway.HopKey;
import io.unitize.gateway.scg.HopHeaderStripper;
import io.unitize.gateway.scg.StrictHttpFramingCustomizer;
import io.unitize.gateway.scg.UnitRoutingGlobalFilter;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Unitize filter in a Spring Cloud Gateway application with a unit ({@code unitize.unit}, which
 * also brings the shared {@link RulesSubscriber}). Bad configuration (an unknown source kind, a
 * {@code jwt:} source without key, a short key, no hop key) fails startup naming it
 * ({@link GatewayConfigFailureAnalyzer}).
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.cloud.gateway.filter.GlobalFilter")
@ConditionalOnBean(RulesSubscriber.class)
@ConditionalOnProperty(prefix = "unitize.gateway", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(UnitizeGatewayProperties.class)
public class UnitizeGatewayAutoConfiguration {

    @Bean
    DecisionCounters unitizeGatewayDecisions(ObjectProvider<MeterRegistry> registry) {
        DecisionCounters counters = new DecisionCounters();
        registry.ifAvailable(r -> {
            for (GatewayDecision.Outcome o : GatewayDecision.Outcome.values()) {
                FunctionCounter.builder("unitize.gateway.decisions", counters, c -> c.of(o))
                        .tag("outcome", o.name().toLowerCase(Locale.ROOT)).description("requests by routing decision").register(r);
            }
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::badTokens).tag("reason", "bad_token").register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::badBuyerIds).tag("reason", "bad_buyer_id").register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::homeUnreachables).tag("reason", "home_unreachable")
                    .register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::badFramings).tag("reason", "bad_framing").register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::overloads).tag("reason", "overloaded").register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::backendUnreachables).tag("reason", "backend_unreachable")
                    .register(r);
            FunctionCounter.builder("unitize.gateway.refusals", counters, DecisionCounters::tokenKeysUnavailables)
                    .tag("reason", "token_keys_unavailable").register(r);
            FunctionCounter.builder("unitize.gateway.hops.unauthenticated", counters, DecisionCounters::hopsUnauthenticated)
                    .description("requests whose hop headers could not be authenticated (routed like any client's)").register(r);
        });
        return counters;
    }

    @Bean
    HopAuthenticator unitizeHopAuthenticator(UnitizeGatewayProperties p) {
        UnitizeGatewayProperties.Hop hop = p.getHop();
        if (hop.getKeys().isEmpty()) {
            throw new GatewayConfigException("unitize.gateway.hop.keys is empty: a gateway forwards a buyer's requests to the home unit's "
                    + "gateway with a signed hop, and believes a hop only when its signature checks out",
                    "give every unit's gateway the same key: unitize.gateway.hop.keys[0].id=<id> and "
                            + "unitize.gateway.hop.keys[0].secret=<at least 32 random bytes, e.g. openssl rand -base64 48> "
                            + "(see the traffic-gateway-plugin README, \"Hop authentication\")");
        }
        List<HopKey> keys = new ArrayList<>();
        for (int i = 0; i < hop.getKeys().size(); i++) {
            UnitizeGatewayProperties.Hop.Key k = hop.getKeys().get(i);
            try {
                keys.add(new HopKey(k.getId(), k.getSecret() == null ? null : k.getSecret().getBytes(StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigException("unitize.gateway.hop.keys[" + i + "]: " + e.getMessage(),
                        "give each hop key an id of [A-Za-z0-9._-] and a secret of at least 32 bytes");
            }
        }
        String signing = hop.getSigningKeyId() == null ? keys.get(0).id() : hop.getSigningKeyId();
        try {
            return new HopAuthenticator(keys, signing, hop.getReplayWindow(), hop.getMaxTrackedNonces(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException("unitize.gateway.hop: " + e.getMessage(), "see the traffic-gateway-plugin README, \"Hop authentication\"");
        }
    }

    @Bean
    HopHeaderStripper unitizeHopHeaderStripper() {
        return new HopHeaderStripper();
    }

    @Bean
    StrictHttpFramingCustomizer unitizeStrictHttpFraming(RulesSubscriber rules, DecisionCounters counters) {
        return new StrictHttpFramingCustomizer(rules.unit(), counters);
    }

    @Bean
    UnitRoutingGlobalFilter unitizeRoutingFilter(UnitizeGatewayProperties p, RulesSubscriber rules, DecisionCounters counters,
                                                 HopAuthenticator hops) {
        List<BuyerIdSource> sources = p.getBuyerIdSources().stream().map(BuyerIdSource::parse).toList();
        return new UnitRoutingGlobalFilter(rules::snapshot, new BuyerIdExtractor(sources, tokenVerifier(p.getJwt())),
                new GatewayRouteDecider(rules.unit(), p.getNoBuyer(), p.isEdgeFreeze()), counters, p.getRetryAfter(), hops);
    }

    static BearerTokenVerifier tokenVerifier(UnitizeGatewayProperties.Jwt jwt) {
        boolean file = jwt.getJwkSetFile() != null && !jwt.getJwkSetFile().isBlank();
        boolean url = jwt.getJwkSetUri() != null && !jwt.getJwkSetUri().isBlank();
        if (jwt.getSecret() == null && !file && !url) {
            return null;
        }
        if (file && url) {
            throw new GatewayConfigException("unitize.gateway.jwt: both jwk-set-file and jwk-set-uri are set", "set one of them");
        }
        BearerTokenVerifier.Builder b = BearerTokenVerifier.builder().issuer(jwt.getIssuer()).audiences(jwt.getAudiences())
                .requireExpiration(jwt.isRequireExpiration());
        try {
            b.leeway(jwt.getLeeway());
            if (jwt.getSecret() != null) {
                b.hmacSecret(jwt.getSecret().getBytes(StandardCharsets.UTF_8));
            }
            if (file) {
                try {
                    b.jwkSet(JWKSet.load(new File(jwt.getJwkSetFile())));
                } catch (java.io.IOException | java.text.ParseException e) {
                    throw new GatewayConfigException("unitize.gateway.jwt.jwk-set-file " + jwt.getJwkSetFile() + " cannot be read as a JWK set: "
                            + e.getMessage(), "point it at a JSON file {\"keys\":[...]} with the identity provider's public keys");
                }
            }
            if (url) {
                try {
                    b.jwkSetUrl(URI.create(jwt.getJwkSetUri()).toURL());
                } catch (IllegalArgumentException | MalformedURLException e) {
                    throw new GatewayConfigException("unitize.gateway.jwt.jwk-set-uri " + jwt.getJwkSetUri() + " is not a URL: " + e.getMessage(),
                            "give the identity provider's JWK set URL, e.g. https://idp.example.com/.well-known/jwks.json");
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException("unitize.gateway.jwt: " + e.getMessage(), "see the traffic-gateway-plugin README, \"Bearer tokens\"");
        }
    }
}
