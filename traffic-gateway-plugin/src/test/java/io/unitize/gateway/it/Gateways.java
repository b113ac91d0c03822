package io.unitize.gateway.it;

import io.unitize.gateway.app.UnitizeGatewayApplication;
import io.unitize.sandbox.SandboxUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** Starts a unit gateway (the module's runnable application) in this JVM. */
final class Gateways {

    static final String JWT_SECRET = "unitize-gateway-it-secret-0123456789abcdef";
    /** The hop keys every IT gateway shares: k2 signs, k1 (the previous key) is still accepted. */
    static final String HOP_KEY_ID = "k2";
    static final String HOP_SECRET = "unitize-it-hop-key-2-0123456789abcdef0123";
    static final String PREVIOUS_HOP_KEY_ID = "k1";
    static final String PREVIOUS_HOP_SECRET = "unitize-it-hop-key-1-0123456789abcdef0123";

    private Gateways() {
    }

    /** The hop signature as the README specifies it, computed here independently of the gateway's code. */
    static String hopSignature(String keyId, String secret, String from, String to, String method, String pathAndQuery, String buyer,
                               long rulesVersion, long timestampMillis, String nonce) throws Exception {
        String canonical = String.join("\n", "unitize-hop-v1", keyId, from, to, method, pathAndQuery, buyer, Long.toString(rulesVersion),
                Long.toString(timestampMillis), nonce);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return "kid=" + keyId + ";ts=" + timestampMillis + ";nonce=" + nonce + ";sig=" + sig;
    }

    /** A valid hop signature with the IT's current key, now, with a fresh nonce. */
    static String hopSignature(String from, String to, String method, String pathAndQuery, String buyer, long rulesVersion) throws Exception {
        return hopSignature(HOP_KEY_ID, HOP_SECRET, from, to, method, pathAndQuery, buyer, rulesVersion, System.currentTimeMillis(),
                Long.toHexString(System.nanoTime()) + Long.toHexString(Double.doubleToLongBits(Math.random())));
    }

    /** Below the ephemeral range, so an app stopped and started again on it finds it free. */
    static int freePort() {
        return io.unitize.sandbox.UnitSandbox.freePort();
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
                "--unitize.gateway.hop.keys[0].id=" + HOP_KEY_ID,
                "--unitize.gateway.hop.keys[0].secret=" + HOP_SECRET,
                "--unitize.gateway.hop.keys[1].id=" + PREVIOUS_HOP_KEY_ID,
                "--unitize.gateway.hop.keys[1].secret=" + PREVIOUS_HOP_SECRET,
                "--unitize.gateway.hop.signing-key-id=" + HOP_KEY_ID,
                "--spring.cloud.gateway.server.webflux.routes[0].id=local",
                "--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:" + backendPort,
                "--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(UnitizeGatewayApplication.class).run(args.toArray(String[]::new));
    }
}
