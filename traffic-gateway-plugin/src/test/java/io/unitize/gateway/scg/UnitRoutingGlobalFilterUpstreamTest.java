package io.unitize.gateway.scg;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.gateway.BuyerIdExtractor;
import io.unitize.gateway.BuyerIdSource;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayRouteDecider;
import io.unitize.gateway.HopAuthenticator;
import io.unitize.gateway.HopKey;
import io.unitize.gateway.NoBuyerPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * Issue 25: under overload a gateway answered 500 (Spring's default for an exception it does not
 * know). A next hop that cannot take the request (no pooled connection in time, refused, closed
 * before answering) is answered 503 with Retry-After and a problem document naming the cause.
 */
class UnitRoutingGlobalFilterUpstreamTest {

    private static final RulesSnapshot RULES = UnitRules.builder().version(3).updatedAt(Instant.parse("2026-12-02T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:18080")))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:18081")))
            .route(0, 4999, "center").route(5000, 9999, "unit-b").build().compile();

    private final DecisionCounters counters = new DecisionCounters();
    private final UnitRoutingGlobalFilter filter = new UnitRoutingGlobalFilter(() -> RULES,
            new BuyerIdExtractor(List.of(BuyerIdSource.parse("header:X-Buyer-Id")), null),
            new GatewayRouteDecider("center", NoBuyerPolicy.LOCAL, true), counters, Duration.ofSeconds(3),
            new HopAuthenticator(List.of(new HopKey("k1", "unit-routing-filter-test-hop-key-0123456789".getBytes(StandardCharsets.UTF_8))),
                    "k1", Duration.ofSeconds(30), 1000, Clock.systemUTC()));

    @Test
    void aLocalRouteWhosePoolHasTooManyWaitingIs503WithRetryAfterNot500() {
        MockServerWebExchange ex = exchange(42);
        filter.filter(ex, failing(new PoolAcquirePendingLimitException(32))).block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-031", "over its connection limit to the backend http://127.0.0.1:19090", "the request was not sent");
        assertThat(counters.overloads()).isEqualTo(1);
        assertThat(ex.getResponse().getHeaders().getFirst("X-Unitize-Served-By")).isEqualTo("center");
    }

    @Test
    void aLocalRouteWithNoPooledConnectionWithinTheAcquireTimeoutIs503WithRetryAfter() {
        MockServerWebExchange ex = exchange(42);
        // as reactor-netty delivers it: wrapped by the client's connect
        filter.filter(ex, failing(new IllegalStateException("acquire failed", new PoolAcquireTimeoutException(Duration.ofMillis(45000)))))
                .block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-031", "PoolAcquireTimeoutException", "Retry after");
    }

    @Test
    void aLocalBackendThatClosesBeforeAnsweringIs503SayingItMayHaveProcessedTheRequest() {
        MockServerWebExchange ex = exchange(42);
        filter.filter(ex, failing(PrematureCloseException.TEST_EXCEPTION)).block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-032", "the backend http://127.0.0.1:19090 closed the connection before answering",
                "may or may not have processed");
        assertThat(counters.backendUnreachables()).isEqualTo(1);
    }

    @Test
    void aLocalBackendThatRefusesConnectionsIs503() {
        MockServerWebExchange ex = exchange(42);
        filter.filter(ex, failing(new ConnectException("Connection refused"))).block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-032", "cannot be reached", "the request was not sent");
    }

    @Test
    void aForwardWhosePoolToTheHomeGatewayIsExhaustedIs503NamingTheHomeUnit() {
        MockServerWebExchange ex = exchange(5042);
        filter.filter(ex, failing(new PoolAcquirePendingLimitException(32))).block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-031", "the gateway of the home unit unit-b (http://127.0.0.1:18081)", "not sent");
        assertThat(ex.getResponse().getHeaders().getFirst("X-Unitize-Home-Unit")).isEqualTo("unit-b");
    }

    @Test
    void aForwardToAHomeGatewayThatIsDownIs503WithRetryAfter() {
        MockServerWebExchange ex = exchange(5042);
        filter.filter(ex, failing(new ConnectException("Connection refused"))).block(Duration.ofSeconds(30));
        assertProblem(ex, "UNITIZE-GW-030", "the gateway of the home unit unit-b", "not served elsewhere");
        assertThat(counters.homeUnreachables()).isEqualTo(1);
    }

    @Test
    void anyOtherFailureIsLeftToTheFramework() {
        MockServerWebExchange ex = exchange(42);
        assertThatThrownBy(() -> filter.filter(ex, failing(new IllegalArgumentException("a bug"))).block(Duration.ofSeconds(30)))
                .hasMessage("a bug");
        assertThat(ex.getResponse().getStatusCode()).isNull();
    }

    private static MockServerWebExchange exchange(long buyer) {
        MockServerWebExchange ex = MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:18080/api/orders")
                .header("X-Buyer-Id", Long.toString(buyer)));
        ex.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://127.0.0.1:19090/api/orders"));
        return ex;
    }

    private static GatewayFilterChain failing(Throwable e) {
        return exchange -> Mono.error(e);
    }

    private static void assertProblem(MockServerWebExchange ex, String... parts) {
        assertThat(ex.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ex.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("3");
        assertThat(ex.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = ex.getResponse().getBodyAsString().block(Duration.ofSeconds(30));
        assertThat(body).contains("\"status\":503");
        for (String p : parts) {
            assertThat(body).contains(p);
        }
    }
}
