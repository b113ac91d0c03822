package io.unitize.gateway.scg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * The drill's control-center SIGKILL scenario: the control center died while publishing a cutover's SWITCH version, so the
 * center's gateway had version 27 (the buyer moved to unit-b) and unit-b's still 26 (frozen, homed in the center) until it
 * came back. unit-b's gateway forwarded reads to the center, which refused them (rules skew) with a 503 WITHOUT Retry-After
 * telling the client to "retry at unit-b" — where it had just been. A skew is transient: the refusal is retryable (Retry-After)
 * and its problem document names the code, the home and both rule versions.
 */
class UnitRoutingGlobalFilterSkewTest {

    private static final RulesSnapshot RULES = UnitRules.builder().version(27).updatedAt(Instant.parse("2026-12-02T00:00:00Z"))
            .author("t").reason("t")
            .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of("gateway", "http://127.0.0.1:18080")))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of("gateway", "http://127.0.0.1:18081")))
            .route(0, 1999, "center").route(2000, 9999, "unit-b").build().compile();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HopAuthenticator hops = new HopAuthenticator(List.of(new HopKey("k1",
            "unit-routing-filter-test-hop-key-0123456789".getBytes(StandardCharsets.UTF_8))), "k1", Duration.ofSeconds(30), 1000,
            Clock.systemUTC());

    private UnitRoutingGlobalFilter filterAtCenter(Supplier<RulesSnapshot> rules) {
        return new UnitRoutingGlobalFilter(rules, new BuyerIdExtractor(List.of(BuyerIdSource.parse("header:X-Buyer-Id")), null),
                new GatewayRouteDecider("center", NoBuyerPolicy.LOCAL, true), new DecisionCounters(), Duration.ofSeconds(3), hops);
    }

    @Test
    void aForwardFromAGatewayWhoseRulesAreBehindIsARetryable503NamingBothVersions() throws Exception {
        MockServerWebExchange ex = forwardedByUnitB(22_001, 26);
        filterAtCenter(() -> RULES).filter(ex, neverCalled()).block(Duration.ofSeconds(30));

        JsonNode problem = assertRetryableProblem(ex);
        assertThat(problem.path("code").asText()).isEqualTo("UNITIZE-GW-022");
        assertThat(problem.path("homeUnit").asText()).isEqualTo("unit-b");
        assertThat(problem.path("rulesVersion").asLong()).isEqualTo(27);
        assertThat(problem.path("forwardedBy").asText()).isEqualTo("unit-b");
        assertThat(problem.path("forwarderRulesVersion").asLong()).isEqualTo(26);
        assertThat(problem.path("detail").asText()).contains("the rules of unit-b are behind (version 26 < 27)")
                .contains("retry after the Retry-After delay").doesNotContain("retry at unit-b");
        assertThat(ex.getResponse().getHeaders().getFirst("X-Unitize-Home-Unit")).isEqualTo("unit-b");
    }

    @Test
    void aGatewayWithoutRulesYetRefusesRetryablyWithACode() throws Exception {
        MockServerWebExchange ex = exchange(22_001);
        filterAtCenter(() -> {
            throw new RulesUnavailableException("not yet received from Nacos");
        }).filter(ex, neverCalled()).block(Duration.ofSeconds(30));
        assertThat(assertRetryableProblem(ex).path("code").asText()).isEqualTo("UNITIZE-GW-020");
    }

    /** The hop as unit-b's gateway sends it: signed, with its rules version; taken off the request as HopHeaderStripper does. */
    private MockServerWebExchange forwardedByUnitB(long buyer, long version) {
        MockServerWebExchange ex = exchange(buyer);
        String signature = hops.sign("unit-b", "center", "GET", "/api/orders", buyer, version);
        ex.getAttributes().put(InboundHop.ATTRIBUTE, new InboundHop("unit-b", Long.toString(version), signature, false));
        return ex;
    }

    private static MockServerWebExchange exchange(long buyer) {
        MockServerWebExchange ex = MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:18080/api/orders")
                .header("X-Buyer-Id", Long.toString(buyer)));
        ex.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://127.0.0.1:19090/api/orders"));
        return ex;
    }

    private static GatewayFilterChain neverCalled() {
        return exchange -> Mono.error(new AssertionError("a refused request must not be routed"));
    }

    private static JsonNode assertRetryableProblem(MockServerWebExchange ex) throws Exception {
        assertThat(ex.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ex.getResponse().getHeaders().getFirst("Retry-After")).as("Retry-After").isEqualTo("3");
        assertThat(ex.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(ex.getResponse().getBodyAsString().block(Duration.ofSeconds(30)));
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        return problem;
    }
}
