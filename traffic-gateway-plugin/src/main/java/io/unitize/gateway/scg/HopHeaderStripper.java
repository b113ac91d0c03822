package io.unitize.gateway.scg;

import io.unitize.gateway.GatewayHeaders;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * First thing on every request: every {@code X-Unitize-*} request header is removed, so no filter,
 * route or backend behind it ever sees one that came from outside. The hop headers are kept aside
 * (an exchange attribute) for {@link UnitRoutingGlobalFilter}, which believes them only after it
 * verified their signature.
 */
public class HopHeaderStripper implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> unitize = null;
        for (String name : headers.keySet()) {
            if (GatewayHeaders.isUnitize(name)) {
                if (unitize == null) {
                    unitize = new ArrayList<>(4);
                }
                unitize.add(name);
            }
        }
        if (unitize == null) {
            return chain.filter(exchange);
        }
        List<String> by = headers.get(GatewayHeaders.FORWARDED_BY);
        List<String> version = headers.get(GatewayHeaders.RULES_VERSION);
        List<String> sig = headers.get(GatewayHeaders.HOP_SIGNATURE);
        if (by != null || version != null || sig != null) {
            boolean ambiguous = by != null && by.size() > 1 || version != null && version.size() > 1 || sig != null && sig.size() > 1;
            exchange.getAttributes().put(InboundHop.ATTRIBUTE, new InboundHop(first(by), first(version), first(sig), ambiguous));
        }
        List<String> names = unitize;
        return chain.filter(exchange.mutate().request(exchange.getRequest().mutate().headers(h -> names.forEach(h::remove)).build()).build());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
