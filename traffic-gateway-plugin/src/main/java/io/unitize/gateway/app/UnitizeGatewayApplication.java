package io.unitize.gateway.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A runnable unit gateway (the demo's): Spring Cloud Gateway with the Unitize filter. Configure
 * the unit, its Nacos and the local routes, e.g.
 * <pre>
 * --unitize.unit=unit-b --unitize.rules.server-addr=127.0.0.1:8848 --server.port=28080
 * --spring.cloud.gateway.server.webflux.routes[0].id=local
 * --spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:28081
 * --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**
 * </pre>
 * Its defaults ({@code gateway-defaults.properties}, below every other property source): the
 * actuator serves {@code /actuator/health} with the {@code liveness} / {@code readiness} groups the
 * Kubernetes probes use, and {@code /actuator/prometheus}.
 */
@SpringBootApplication
@PropertySource("classpath:io/unitize/gateway/app/gateway-defaults.properties")
public class UnitizeGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(UnitizeGatewayApplication.class, args);
    }
}
