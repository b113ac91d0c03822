package io.unitize.gateway.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.gateway.BuyerIdExtractor;
import io.unitize.gateway.BuyerIdSource;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayDecision;
import io.unitize.gateway.GatewayRouteDecider;
import io.unitize.gateway.HmacJwtVerifier;
import io.unitize.gateway.scg.UnitRoutingGlobalFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The Unitize filter in a Spring Cloud Gateway application with a unit ({@code unitize.unit}, which
 * also brings the shared {@link RulesSubscriber}). Bad configuration (an unknown source kind, a
 * {@code jwt:} source without key, a short key) fails startup naming it.
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
        });
        return counters;
    }

    @Bean
    UnitRoutingGlobalFilter unitizeRoutingFilter(UnitizeGatewayProperties p, RulesSubscriber rules, DecisionCounters counters) {
        List<BuyerIdSource> sources = p.getBuyerIdSources().stream().map(BuyerIdSource::parse).toList();
        HmacJwtVerifier jwt = p.getJwt().getSecret() == null ? null
                : new HmacJwtVerifier(p.getJwt().getSecret().getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), p.getJwt().getLeeway());
        return new UnitRoutingGlobalFilter(rules::snapshot, new BuyerIdExtractor(sources, jwt),
                new GatewayRouteDecider(rules.unit(), p.getNoBuyer(), p.isEdgeFreeze()), counters, p.getRetryAfter());
    }
}
