package io.unitize.gateway.it;

import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Starts a unit gateway (the module's runnable application) in this JVM. */
final class Gateways {

    static final String JWT_SECRET = "unitize-gateway-it-secret-0123456789abcdef";

    private Gateways() {
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigurableApplicationContext start(SandboxUnit unit, int port, int backendPort, String channel, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=gateway-" + unit.code(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--unitize.unit=" + unit.code(),
                "--unitize.rules.server-addr=" + unit.nacosAddr(),
                "--unitize.rules.data-id=" + channel + ".json",
                "--unitize.rules.group=" + channel,
                "--unitize.rules.agent-kind=gateway",
                "--unitize.gateway.buyer-id-sources[0]=header:X-Buyer-Id",
                "--unitize.gateway.buyer-id-sources[1]=cookie:buyer_id",
                "--unitize.gateway.buyer-id-sources[2]=query:buyerId",
                "--unitize.gateway.buyer-id-sources[3]=path:/api/buyers/{buyerId}/**",
                "--unitize.gateway.buyer-id-sources[4]=jwt:sub",
                "--unitize.gateway.jwt.secret=" + JWT_SECRET,
                "--spring.cloud.gateway.server.webflux.routes[0].id=local",
                "--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:" + backendPort,
                "--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(UnitizeGatewayApplication.class).run(args.toArray(String[]::new));
    }
}
