package io.unitize.rpc.it;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.nacos.NacosAuthenticationException;
import io.unitize.core.nacos.NacosCredentials;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.rpc.RegistryAuthenticationException;
import io.unitize.rpc.dubbo.UnitizeDubbo;
import io.unitize.rpc.spring.UnitizeRpcAutoConfiguration;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dubbo over the sandbox's two Nacos servers with authentication on: providers and consumers whose
 * registries carry credentials ({@code dubbo.registries.x.username/password}) register, discover
 * and route @HARoute calls to the home unit; a provider or consumer without credentials, or with a
 * wrong password, is refused at startup with UNITIZE-RPC-020 (the registry, the server, the user
 * and what to set) and nothing of it is registered. The Unitize side of the wiring
 * ({@code unitize.rules.username/password}) reads the rules from the same servers. Starts its own
 * sandbox (Nacos only, authentication on): the shared one runs without authentication.
 */
class NacosAuthRoutingIT {

    private static final String CHANNEL = "rpc-auth-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static final List<DubboBootstrap> APPS = new ArrayList<>();
    private static final Map<String, RulesSubscriber> RULES = new HashMap<>();
    private static UnitSandbox sandbox;
    private static OrderService ordersFromB;

    private static NacosCredentials admin(SandboxUnit unit) {
        return NacosCredentials.user(unit.nacosUsername(), unit.nacosPassword());
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = UnitSandbox.builder().baseDir(Path.of("target", "rpc-nacos-auth-it")).servers(ServerKind.NACOS).nacosAuth(true)
                .build().start();
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(CHANNEL + ".json").group(CHANNEL);
        sandbox.units().forEach(u -> pb.unit(u.code(), u.nacosAddr(), admin(u)));
        RulesPublisher publisher = pb.build();
        CLOSE.add(publisher);
        publisher.publish(UnitRoutingIT.rules(1, 4999)); // center 0-4999, unit-b 5000-9999
        for (SandboxUnit u : sandbox.units()) {
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(u.nacosAddr()).credentials(admin(u)).unit(u.code())
                    .agentKind("rpc-router").dataId(CHANNEL + ".json").group(CHANNEL).build().start();
            CLOSE.add(s);
            RULES.put(u.code(), s);
            UnitRoutingIT.await(u.code() + " applies version 1", () -> s.appliedVersion() == 1);
        }
        for (SandboxUnit u : sandbox.units()) {
            provider(u, "auth-p1", u.nacosUsername(), u.nacosPassword());
            provider(u, "auth-p2", u.nacosUsername(), u.nacosPassword());
        }
        ReferenceConfig<OrderService> ref = DubboApps.reference(OrderService.class);
        consumer("with-credentials", u -> DubboApps.registry(u, CHANNEL, u.nacosUsername(), u.nacosPassword())).reference(ref).start();
        ordersFromB = ref.get();
        UnitRoutingIT.await("the consumer sees the providers of both units", () -> {
            try {
                return ordersFromB.whereIs(1).startsWith("center/auth-") && ordersFromB.whereIs(5001).startsWith("unit-b/auth-");
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = APPS.size() - 1; i >= 0; i--) {
            APPS.get(i).destroy();
        }
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void withCredentialsUnitCallsReachOnlyTheHomeUnitsProviders() {
        for (long buyer = 0; buyer < 10_000; buyer += 50) { // 200 buyers, both halves of the slot space
            String home = buyer % 10_000 <= 4999 ? "center/" : "unit-b/";
            assertThat(ordersFromB.whereIs(buyer)).as("buyer %d", buyer).startsWith(home + "auth-p");
        }
    }

    @Test
    void providersWithCredentialsAreRegisteredWithTheirUnit() throws Exception {
        for (SandboxUnit u : sandbox.units()) {
            List<Instance> instances = instancesOfOrderService(u);
            assertThat(instances).extracting(i -> i.getMetadata().get("application"))
                    .contains("rpc-auth-" + u.code() + "-auth-p1", "rpc-auth-" + u.code() + "-auth-p2");
            assertThat(instances).allSatisfy(i -> assertThat(i.getMetadata()).containsEntry("unitize.unit", u.code()));
        }
    }

    @Test
    void aProviderWithoutCredentialsIsRefusedSayingWhatToSetAndIsNotRegistered() throws Exception {
        SandboxUnit b = sandbox.unit("unit-b");
        assertThatThrownBy(() -> provider(b, "anonymous", null, null))
                .isInstanceOf(RegistryAuthenticationException.class)
                .hasMessageStartingWith("UNITIZE-RPC-020 the Dubbo registry registry-unit-b was refused by the Nacos at " + b.nacosAddr())
                .hasMessageContaining("with no credentials: that Nacos has authentication on; set dubbo.registries.registry-unit-b.username"
                        + " and dubbo.registries.registry-unit-b.password")
                .hasMessageEndingWith("Nothing was registered or subscribed");
        assertThat(instancesOfOrderService(b)).extracting(i -> i.getMetadata().get("application"))
                .doesNotContain("rpc-auth-unit-b-anonymous");
    }

    @Test
    void aProviderWithAWrongPasswordIsRefusedNamingTheUserButNotThePassword() throws Exception {
        SandboxUnit center = sandbox.center();
        assertThatThrownBy(() -> provider(center, "wrong-password", center.nacosUsername(), "not-the-password"))
                .isInstanceOfSatisfying(RegistryAuthenticationException.class,
                        e -> assertThat(e.registryId()).isEqualTo("registry-center"))
                .hasMessageContaining("with user '" + center.nacosUsername() + "': that Nacos has authentication on; check the user's"
                        + " password")
                .hasMessageNotContaining("not-the-password");
        assertThat(instancesOfOrderService(center)).extracting(i -> i.getMetadata().get("application"))
                .doesNotContain("rpc-auth-center-wrong-password");
    }

    @Test
    void aConsumerWithoutCredentialsIsRefusedAtStartup() {
        ReferenceConfig<OrderService> ref = DubboApps.reference(OrderService.class);
        DubboBootstrap anonymous = consumer("anonymous", u -> DubboApps.registry(u, CHANNEL, null, null)).reference(ref);
        assertThatThrownBy(anonymous::start)
                .isInstanceOf(RegistryAuthenticationException.class)
                .hasMessageStartingWith("UNITIZE-RPC-020 the Dubbo registry registry-")
                .hasMessageContaining("with no credentials: that Nacos has authentication on; set dubbo.registries.registry-");
    }

    @Test
    void theUnitizeWiringReadsTheRulesWithUnitizeRulesCredentialsAndIsRefusedWithout() {
        SandboxUnit b = sandbox.unit("unit-b");
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class, UnitizeRpcAutoConfiguration.class))
                .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                        "unitize.rules.data-id=" + CHANNEL + ".json", "unitize.rules.group=" + CHANNEL);
        runner.withPropertyValues("unitize.rules.username=" + b.nacosUsername(), "unitize.rules.password=" + b.nacosPassword())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RulesSubscriber.class).appliedVersion()).isEqualTo(1);
                    assertThat(context.getBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class).context().unit())
                            .isEqualTo("unit-b");
                });
        runner.run(context -> assertThat(causeOfType(context.getStartupFailure(), NacosAuthenticationException.class))
                .as("the startup failure's cause chain has the refusal").isNotNull()
                .hasMessageStartingWith("UNITIZE-RULE-017 agent")
                .hasMessageContaining("set unitize.rules.username and unitize.rules.password"));
    }

    private static Supplier<RulesSnapshot> rules(SandboxUnit unit) {
        return () -> RULES.get(unit.code()).snapshot();
    }

    /** A provider of OrderService in {@code unit} whose registry has the given credentials (none when user is null). */
    private static DubboBootstrap provider(SandboxUnit unit, String instance, String user, String password) {
        DubboBootstrap b = DubboBootstrap.newInstance();
        APPS.add(b);
        UnitizeDubbo.install(b.getApplicationModel(), unit.code(), rules(unit));
        ProtocolConfig protocol = new ProtocolConfig("dubbo", DubboApps.freePort());
        protocol.setHost("::1");
        b.application(DubboApps.application("rpc-auth-" + unit.code() + "-" + instance))
                .registry(DubboApps.registry(unit, CHANNEL, user, password)).protocol(protocol);
        ServiceConfig<Object> sc = new ServiceConfig<>();
        sc.setInterface(OrderService.class);
        sc.setRef(new Where(unit.code(), instance));
        b.service(sc);
        return b.start();
    }

    /** A consumer in unit-b subscribed to the registries of both units, made by {@code registry}. */
    private static DubboBootstrap consumer(String name, java.util.function.Function<SandboxUnit, RegistryConfig> registry) {
        DubboBootstrap c = DubboBootstrap.newInstance();
        APPS.add(c);
        UnitizeDubbo.install(c.getApplicationModel(), "unit-b", rules(sandbox.unit("unit-b")));
        c.application(DubboApps.application("rpc-auth-consumer-" + name));
        for (SandboxUnit u : sandbox.units()) {
            RegistryConfig r = registry.apply(u);
            r.setRegister(false);
            c.registry(r);
        }
        return c;
    }

    /** The OrderService providers in {@code unit}'s Nacos, read as its admin. */
    private static List<Instance> instancesOfOrderService(SandboxUnit unit) throws Exception {
        Properties p = new Properties();
        p.setProperty("serverAddr", unit.nacosAddr());
        admin(unit).applyTo(p);
        NamingService naming = NacosFactory.createNamingService(p);
        try {
            return naming.getAllInstances("providers:" + OrderService.class.getName() + "::", CHANNEL);
        } finally {
            naming.shutDown();
        }
    }

    private static Throwable causeOfType(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }
}
