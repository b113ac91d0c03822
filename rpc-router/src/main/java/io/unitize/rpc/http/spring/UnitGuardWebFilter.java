package io.unitize.rpc.http.spring;

import io.unitize.rpc.http.UnitProblem;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** WebFlux provider guard: refuses a misrouted (or frozen-write) request to a UNIT endpoint with a {@link UnitProblem}. */
public final class UnitGuardWebFilter implements WebFilter, Ordered {

    private final ProviderUnitPaths paths;

    public UnitGuardWebFilter(ProviderUnitPaths paths) {
        this.paths = paths;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        UnitProblem refused = paths.check(request.getMethod().name(), request.getPath().pathWithinApplication().value(),
                request.getHeaders().getFirst(paths.header()));
        if (refused == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(refused.status()));
        response.getHeaders().setContentType(MediaType.parseMediaType(UnitProblem.MEDIA_TYPE));
        if (refused.retryAfterSeconds() > 0) {
            response.getHeaders().set("Retry-After", Integer.toString(refused.retryAfterSeconds()));
        }
        DataBuffer body = response.bufferFactory().wrap(refused.json().getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    /** Before the application's filters (security, logging): a refused request does no work. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
