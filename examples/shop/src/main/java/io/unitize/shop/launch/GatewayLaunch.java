package io.unitize.shop.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one unit's gateway (traffic-gateway-plugin's {@code UnitizeGatewayApplication})
 * in front of the unit's shop, as the shop's integration tests and the drill run it: in a JVM whose
 * classpath also holds the shop's stack (Dubbo, JDBC, MyBatis, the Unitize starters, Spring Cloud
 * Alibaba), which a gateway must not start. Plain Java like {@link ShopLaunch}.
 */
public final class GatewayLaunch {

    /** One route of the gateway: requests whose path matches {@code path} (e.g. {@code /echo/**}) go to {@code uri}. */
    public record Route(String id, String uri, String path) {
    }

    /** The shop's auto-configurations (and Spring Security's) that a gateway on the same classpath must not start. */
    static final List<String> EXCLUDED = List.of(
            "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration",
            "io.unitize.db.spring.UnitizeDbAutoConfiguration",
            "io.unitize.rpc.spring.UnitizeRpcAutoConfiguration");

    private GatewayLaunch() {
    }

    /**
     * The gateway of {@code unit} on 127.0.0.1:{@code port}, its rules from the unit's Nacos: the buyer
     * from the {@code X-Buyer-Id} header or the path {@code /api/buyers/{buyerId}/**} (and, when
     * {@code jwtSecret} is not null, a bearer token's subject, HS256), edge freeze on, its hops signed
     * with {@code hopKeyId}/{@code hopSecret}; {@code routes} in order (the first match wins).
     */
    public static List<String> args(String unit, String nacosAddr, int port, String hopKeyId, String hopSecret, String jwtSecret,
                                    List<Route> routes) {
        List<String> a = new ArrayList<>(List.of(
                "--spring.application.name=gateway-" + unit,
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--unitize.unit=" + unit, "--unitize.rules.server-addr=" + nacosAddr,
                "--unitize.rules.agent-kind=gateway", "--unitize.rules.initial-timeout=5s",
                "--unitize.gateway.buyer-id-sources[0]=header:X-Buyer-Id",
                "--unitize.gateway.buyer-id-sources[1]=path:/api/buyers/{buyerId}/**",
                "--unitize.gateway.edge-freeze=true",
                "--unitize.gateway.hop.keys[0].id=" + hopKeyId, "--unitize.gateway.hop.keys[0].secret=" + hopSecret));
        if (jwtSecret != null) {
            a.add("--unitize.gateway.buyer-id-sources[2]=jwt:sub");
            a.add("--unitize.gateway.jwt.secret=" + jwtSecret);
        }
        for (int i = 0; i < routes.size(); i++) {
            String r = "--spring.cloud.gateway.server.webflux.routes[" + i + "].";
            a.add(r + "id=" + routes.get(i).id());
            a.add(r + "uri=" + routes.get(i).uri());
            a.add(r + "predicates[0]=Path=" + routes.get(i).path());
        }
        a.add("--spring.autoconfigure.exclude=" + String.join(",", EXCLUDED));
        a.addAll(List.of(
                "--dubbo.enabled=false",
                // ... nor the shop's Spring Cloud Alibaba discovery (the gateway is no service of the unit's Nacos here)
                "--spring.cloud.nacos.discovery.enabled=false", "--spring.cloud.service-registry.auto-registration.enabled=false",
                // RocketMQ's client puts part of gRPC on the classpath: Spring Cloud Gateway's JSON-to-gRPC filter would trip on it
                "--spring.cloud.gateway.server.webflux.filter.json-to-grpc.enabled=false",
                "--spring.cloud.gateway.filter.json-to-grpc.enabled=false",
                "--management.server.port=-1", "--spring.jmx.enabled=false"));
        return a;
    }
}
