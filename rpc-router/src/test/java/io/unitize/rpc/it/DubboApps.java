package io.unitize.rpc.it;

import io.unitize.core.RulesSnapshot;
import io.unitize.rpc.dubbo.UnitizeDubbo;
import io.unitize.sandbox.SandboxUnit;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Dubbo applications of the tests: providers registered in their unit's Nacos (interface-level
 * registration, bound to the IPv6 loopback: Dubbo binds every interface for a 127.* host), and
 * consumers subscribed to the Nacos of every unit, one registry per unit with zone = unit.
 */
public final class DubboApps {

    private DubboApps() {
    }

    static ApplicationConfig application(String name) {
        ApplicationConfig app = new ApplicationConfig(name);
        app.setQosEnable(false);
        app.setRegisterMode("interface");
        return app;
    }

    public static RegistryConfig registry(SandboxUnit unit, String group) {
        return registry(unit, group, null, null);
    }

    /**
     * The registry of {@code unit} with Nacos credentials ({@code dubbo.registries.x.username} /
     * {@code password}); none when {@code username} is null.
     */
    static RegistryConfig registry(SandboxUnit unit, String group, String username, String password) {
        RegistryConfig r = new RegistryConfig("nacos://" + unit.nacosAddr());
        if (username != null) {
            r.setUsername(username);
            r.setPassword(password);
        }
        r.setId("registry-" + unit.code());
        r.setZone(unit.code());
        r.setGroup(group);
        r.setUseAsConfigCenter(false);
        r.setUseAsMetadataCenter(false);
        return r;
    }

    /** Below the ephemeral range, so an app stopped and started again on it finds it free. */
    static int freePort() {
        return io.unitize.sandbox.UnitSandbox.freePort();
    }

    /** A provider application of {@code unit} serving {@code services} with a {@link Where} named {@code instance}. */
    static DubboBootstrap provider(SandboxUnit unit, String instance, String group, Supplier<RulesSnapshot> rules, int port,
                                   Class<?>... services) {
        DubboBootstrap b = DubboBootstrap.newInstance();
        UnitizeDubbo.install(b.getApplicationModel(), unit.code(), rules);
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost("::1");
        b.application(application("rpc-it-" + unit.code() + "-" + instance)).registry(registry(unit, group)).protocol(protocol);
        Where impl = new Where(unit.code(), instance);
        for (Class<?> service : services) {
            ServiceConfig<Object> sc = new ServiceConfig<>();
            sc.setInterface(service);
            sc.setRef(impl);
            b.service(sc);
        }
        return b.start();
    }

    /** A consumer application of {@code unit} that sees the providers of every unit. */
    static DubboBootstrap consumer(String unitCode, List<SandboxUnit> units, String group, Supplier<RulesSnapshot> rules) {
        DubboBootstrap b = DubboBootstrap.newInstance();
        UnitizeDubbo.install(b.getApplicationModel(), unitCode, rules);
        b.application(application("rpc-it-consumer-" + unitCode));
        for (SandboxUnit u : units) {
            RegistryConfig r = registry(u, group);
            r.setRegister(false);
            b.registry(r);
        }
        return b;
    }

    static <T> ReferenceConfig<T> reference(Class<T> service) {
        ReferenceConfig<T> ref = new ReferenceConfig<>();
        ref.setInterface(service);
        ref.setCheck(false);
        ref.setTimeout(5_000);
        ref.setRetries(0);
        ref.setParameters(Map.of("migration.step", "FORCE_INTERFACE"));
        return ref;
    }

    /** Destroys the applications, then closes the rest (rules channel), each in reverse order of start. */
    static void stop(List<DubboBootstrap> apps, List<AutoCloseable> close) throws Exception {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).destroy();
        }
        for (int i = close.size() - 1; i >= 0; i--) {
            close.get(i).close();
        }
    }
}
