package io.unitize.gateway.scg;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.gateway.BuyerIdExtractor;
import io.unitize.gateway.ConflictingBuyerIdException;
import io.unitize.gateway.HopAuthenticator;
import io.unitize.gateway.HopVerdict;
import io.unitize.gateway.TokenKeysUnavailableException;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayDecision;
import io.unitize.gateway.GatewayHeaders;
import io.unitize.gateway.GatewayRouteDecider;
import io.unitize.gateway.InvalidBuyerIdException;
import io.unitize.gateway.InvalidTokenException;
import io.unitize.gateway.RequestView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * The Unitize decision in Spring Cloud Gateway: after the route's URL is set
 * ({@link RouteToRequestUrlFilter}) and before the request is proxied. Homed here: the route goes on
 * untouched. Homed elsewhere: the request URL is replaced by the home unit's gateway (same path and
 * query), with the hop headers. Every answer carries the home unit and its gateway.
 */
public class UnitRoutingGlobalFilter implements GlobalFilter, Ordered {

    /** After RouteToRequestUrlFilter (10000), before the load balancer (10150) and the Netty routing filter. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;
    private static final Logger log = LoggerFactory.getLogger(UnitRoutingGlobalFilter.class);

    private final Supplier<RulesSnapshot> rules;
    private final BuyerIdExtractor buyerIds;
    private final GatewayRouteDecider decider;
    private final DecisionCounters counters;
    private final Duration retryAfter;
    private final HopAuthenticator hops;
    private final RateLimitedWarnings warnings = new RateLimitedWarnings(log);
    private final AtomicLong lastHopWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong hopRejectionsSinceWarning = new AtomicLong();

    public UnitRoutingGlobalFilter(Supplier<RulesSnapshot> rules, BuyerIdExtractor buyerIds, GatewayRouteDecider decider,
                                   DecisionCounters counters, Duration retryAfter, HopAuthenticator hops) {
        this.rules = rules;
        this.buyerIds = buyerIds;
        this.decider = decider;
        this.counters = counters;
        this.retryAfter = retryAfter;
        this.hops = hops;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        RulesSnapshot snapshot;
        try {
            snapshot = rules.get();
        } catch (RulesUnavailableException e) {
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "UNITIZE-GW-020 no rules in force at the gateway of "
                    + decider.localUnit() + ": cannot tell the buyer's unit. " + e.getMessage());
        }
        Long buyerId;
        try {
            buyerId = buyerIds.extract(new View(request));
        } catch (InvalidTokenException e) {
            counters.badToken();
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return refuse(exchange, HttpStatus.UNAUTHORIZED, e.getMessage());
        } catch (InvalidBuyerIdException | ConflictingBuyerIdException e) {
            counters.badBuyerId();
            return refuse(exchange, HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (TokenKeysUnavailableException e) {
            counters.tokenKeysUnavailable();
            log.warn("{}", e.getMessage());
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
        String forwardedBy = null;
        long senderVersion = -1;
        InboundHop hop = exchange.getAttribute(InboundHop.ATTRIBUTE);
        if (hop != null) {
            HopVerdict verdict = hop.ambiguous() ? new HopVerdict(false, "a hop header is given more than once")
                    : hops.verify(hop.signature(), hop.forwardedBy(), decider.localUnit(), request.getMethod().name(), pathAndQuery(request),
                    buyerId, hop.rulesVersion());
            if (verdict.authenticated()) {
                forwardedBy = hop.forwardedBy();
                senderVersion = Long.parseLong(hop.rulesVersion().trim());
            } else {
                hopUnauthenticated(hop, verdict);
            }
        }
        HttpMethod method = request.getMethod();
        boolean write = !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
        GatewayDecision d = decider.decide(buyerId, write, forwardedBy, senderVersion, snapshot);
        counters.count(d.outcome());
        if (d.outcome() == GatewayDecision.Outcome.LOCAL || d.outcome() == GatewayDecision.Outcome.NO_BUYER_LOCAL) {
            // after the backend's headers are in: only this gateway says where the buyer lives
            response.beforeCommit(() -> {
                stampHome(response, d);
                return Mono.empty();
            });
            if (forwardedBy != null) { // the backend may see the verified forwarder (never one a client claimed)
                String by = forwardedBy;
                exchange = exchange.mutate().request(request.mutate().header(GatewayHeaders.FORWARDED_BY, by).build()).build();
            }
        } else if (d.outcome() != GatewayDecision.Outcome.FORWARD && d.outcome() != GatewayDecision.Outcome.NO_BUYER_CENTER) {
            stampHome(response, d); // a forwarded request's answer carries the home gateway's own headers
        }
        return switch (d.outcome()) {
            case LOCAL, NO_BUYER_LOCAL -> local(exchange, chain, d);
            case FORWARD, NO_BUYER_CENTER -> forward(exchange, chain, d);
            case REFUSED_FROZEN -> {
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
                yield refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "UNITIZE-GW-021 " + d.reason());
            }
            case REFUSED_SKEW -> skew(exchange, d, forwardedBy, senderVersion);
            case REFUSED_NO_GATEWAY -> refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "UNITIZE-GW-023 " + d.reason());
        };
    }

    /**
     * Rules skew: forwarded here, homed elsewhere by rules at least as new. Transient (the older side gets the newer version as soon
     * as the control center has published it to its unit), so a retryable refusal: Retry-After, and a problem document naming
     * both rule versions and the home. Never a second hop: the forwarder with older rules would only send it back.
     */
    private Mono<Void> skew(ServerWebExchange exchange, GatewayDecision d, String forwardedBy, long senderVersion) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("homeUnit", d.unit());
        versions.put("rulesVersion", d.rulesVersion());
        versions.put("forwardedBy", forwardedBy);
        versions.put("forwarderRulesVersion", senderVersion);
        return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "UNITIZE-GW-022 " + d.reason(), versions);
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, GatewayDecision d) {
        ServerHttpRequest request = exchange.getRequest();
        URI target = UriComponentsBuilder.fromUriString(d.gateway()).replacePath(request.getURI().getRawPath())
                .replaceQuery(request.getURI().getRawQuery()).build(true).toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
        String signature = hops.sign(decider.localUnit(), d.unit(), request.getMethod().name(), pathAndQuery(request), d.buyerId(),
                d.rulesVersion());
        ServerHttpRequest hop = request.mutate().headers(h -> {
            h.set(GatewayHeaders.FORWARDED_BY, decider.localUnit());
            h.set(GatewayHeaders.RULES_VERSION, Long.toString(d.rulesVersion()));
            h.set(GatewayHeaders.HOP_SIGNATURE, signature);
        }).build();
        return chain.filter(exchange.mutate().request(hop).build()).onErrorResume(e -> UpstreamFailure.of(e) != null, e -> {
            UpstreamFailure f = UpstreamFailure.of(e);
            stampHome(exchange.getResponse(), d);
            String home = "the gateway of the home unit " + d.unit() + " (" + d.gateway() + ")";
            if (f == UpstreamFailure.OVERLOADED) {
                return overloaded(exchange, home, e);
            }
            counters.homeUnreachable();
            warnings.warn("UNITIZE-GW-030 gateway of unit {} ({}) unreachable: {}; answered 503. Check that gateway and the network "
                    + "between the units", d.unit(), d.gateway(), e.toString());
            return unavailable(exchange, "UNITIZE-GW-030 " + f.describe(home, e) + ". The request was not served elsewhere");
        });
    }

    /** The route as configured; a backend that cannot take the request answers 503 (typed), not the framework's 500. */
    private Mono<Void> local(ServerWebExchange exchange, GatewayFilterChain chain, GatewayDecision d) {
        return chain.filter(exchange).onErrorResume(e -> UpstreamFailure.of(e) != null, e -> {
            UpstreamFailure f = UpstreamFailure.of(e);
            URI uri = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
            String target = "the backend " + (uri == null ? "of the route" : uri.getScheme() + "://" + uri.getAuthority());
            if (f == UpstreamFailure.OVERLOADED) {
                return overloaded(exchange, target, e);
            }
            counters.backendUnreachable();
            warnings.warn("UNITIZE-GW-032 {} unreachable from the gateway of {}: {}; answered 503. Check the backend's health and its "
                    + "connection limits", target, decider.localUnit(), e.toString());
            return unavailable(exchange, "UNITIZE-GW-032 " + f.describe(target, e));
        });
    }

    private Mono<Void> overloaded(ServerWebExchange exchange, String target, Throwable e) {
        counters.overloaded();
        warnings.warn("UNITIZE-GW-031 the gateway of {} is over its connection limit to {}: {}; answered 503 with Retry-After. Raise "
                + "spring.cloud.gateway.server.webflux.httpclient.pool.max-connections if the next hop can take more, or add gateways",
                decider.localUnit(), target, e.toString());
        return unavailable(exchange, "UNITIZE-GW-031 " + UpstreamFailure.OVERLOADED.describe(target, e) + ". Retry after the Retry-After delay");
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, String detail) {
        if (!exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        }
        return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, detail);
    }

    private String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** Served-by, and for a known buyer the home unit and its gateway, so the client can go there directly next time. */
    private void stampHome(ServerHttpResponse response, GatewayDecision d) {
        HttpHeaders h = response.getHeaders();
        List<String> stale = h.keySet().stream().filter(GatewayHeaders::isUnitize).toList();
        stale.forEach(h::remove);
        h.set(GatewayHeaders.SERVED_BY, decider.localUnit());
        if (d.buyerId() != null) {
            h.set(GatewayHeaders.HOME_UNIT, d.unit());
            if (d.gateway() != null) {
                h.set(GatewayHeaders.HOME_GATEWAY, d.gateway());
            }
        }
    }

    /** The path and query exactly as they arrived (and as a forward sends them on): what a hop signature covers. */
    private static String pathAndQuery(ServerHttpRequest request) {
        URI uri = request.getURI();
        String query = uri.getRawQuery();
        return query == null ? uri.getRawPath() : uri.getRawPath() + "?" + query;
    }

    /** Counted always; logged at most once a minute (a client can send these at will), with how many since the last line. */
    private void hopUnauthenticated(InboundHop hop, HopVerdict verdict) {
        counters.hopUnauthenticated();
        long n = hopRejectionsSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastHopWarning.get();
        if ((last == Long.MIN_VALUE || now - last > 60_000_000_000L) && lastHopWarning.compareAndSet(last, now)) {
            hopRejectionsSinceWarning.set(0);
            log.warn("UNITIZE-GW-041 hop headers that could not be authenticated ({} such requests since the last line), latest claimed "
                    + "forwarded-by {}: {}; the requests were routed like any client's. If this is a peer gateway, give both the same hop "
                    + "keys (unitize.gateway.hop.keys) and synchronise their clocks", n, hop.forwardedBy(), verdict.reason());
        } else if (log.isDebugEnabled()) {
            log.debug("UNITIZE-GW-041 unauthenticated hop from {}: {}", hop.forwardedBy(), verdict.reason());
        }
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String detail) {
        return refuse(exchange, status, detail, Map.of());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String detail, Map<String, Object> extensions) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(GatewayHeaders.SERVED_BY, decider.localUnit());
        if (response.isCommitted()) {
            return Mono.error(new IllegalStateException(detail));
        }
        response.setStatusCode(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            // every 503 is transient from the client's side (rules not yet in force or being published, a next hop down or full,
            // writes frozen): always retryable, always saying when
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        HttpHeaders asked = exchange.getRequest().getHeaders();
        if (asked.getContentLength() > 0 || asked.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            // the body was never read: close the connection (RFC 9112 9.6) rather than leave unread bytes
            // ahead of the next request on it (a client's keep-alive or another gateway's pooled hop)
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        byte[] body = ProblemJson.of(status.value(), status.getReasonPhrase(), detail, extensions);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The request as the buyer-id sources read it (Spring decodes query values once; nothing decodes them again). */
    private record View(ServerHttpRequest request) implements RequestView {
        @Override
        public List<String> headers(String name) {
            List<String> v = request.getHeaders().get(name);
            return v == null ? List.of() : v;
        }

        /**
         * Read from the Cookie header lines as sent, not from the framework's parsed cookies: its lenient decoder silently drops a
         * cookie whose value has bytes outside the cookie character set, and a dropped buyer id must be refused, not ignored.
         */
        @Override
        public List<String> cookies(String name) {
            List<String> lines = request.getHeaders().get(HttpHeaders.COOKIE);
            if (lines == null) {
                return List.of();
            }
            List<String> values = new java.util.ArrayList<>(1);
            for (String line : lines) {
                for (String pair : line.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                        String v = pair.substring(eq + 1).trim();
                        values.add(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
                    }
                }
            }
            return values;
        }

        @Override
        public List<String> queryParams(String name) {
            List<String> v = request.getQueryParams().get(name);
            return v == null ? List.of() : v;
        }

        @Override
        public String rawPath() {
            return request.getURI().getRawPath();
        }
    }
}
