package io.unitize.id.dubbo;

import io.unitize.id.IdService;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * Serves an {@link IdService} over Dubbo (protocol dubbo, on its own bootstrap so that it does not
 * disturb the application's Dubbo), and builds clients of it. Registry: the unit's Nacos
 * ({@code nacos://host:port}) or none ({@code N/A}, clients connect directly).
 *
 * <p>Loopback: Dubbo treats every {@code 127.*} address as "no address given" and then binds all
 * interfaces; bind the IPv6 loopback {@code ::1} to stay on the machine (a {@code 127.*} host is
 * refused here for that reason). Dubbo's QoS port is off.
 */
public final class DubboIdServiceExporter implements AutoCloseable {

    private final DubboBootstrap bootstrap;

    private DubboIdServiceExporter(DubboBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    public static DubboIdServiceExporter export(IdService service, String host, int port, String registry) {
        if (host.startsWith("127.")) {
            throw new IllegalArgumentException("UNITIZE-ID-050 host " + host + " refused: Dubbo binds all interfaces for any 127.* address; "
                    + "use ::1 for loopback only, or the machine's address");
        }
        ServiceConfig<IdService> config = new ServiceConfig<>();
        config.setInterface(IdService.class);
        config.setRef(service);
        config.setVersion("1.0");
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost(host);
        DubboBootstrap b = DubboBootstrap.newInstance()
                .application(application("unitize-id-service"))
                .registry(new RegistryConfig(registry))
                .protocol(protocol)
                .service(config)
                .start();
        return new DubboIdServiceExporter(b);
    }

    /** A client connecting straight to {@code host:port} (no registry). */
    public static Client connect(String host, int port) {
        ReferenceConfig<IdService> ref = new ReferenceConfig<>();
        ref.setInterface(IdService.class);
        ref.setVersion("1.0");
        ref.setUrl("dubbo://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
        ref.setTimeout(3000);
        ref.setRetries(0);
        DubboBootstrap b = DubboBootstrap.newInstance().application(application("unitize-id-client"))
                .registry(new RegistryConfig("N/A")).reference(ref).start();
        return new Client(b, ref.get());
    }

    private static ApplicationConfig application(String name) {
        ApplicationConfig app = new ApplicationConfig(name);
        app.setQosEnable(false);
        return app;
    }

    @Override
    public void close() {
        bootstrap.destroy();
    }

    /** A Dubbo client of the ID service; close it to release its connections. */
    public static final class Client implements AutoCloseable {
        private final DubboBootstrap bootstrap;
        private final IdService service;

        private Client(DubboBootstrap bootstrap, IdService service) {
            this.bootstrap = bootstrap;
            this.service = service;
        }

        public IdService service() {
            return service;
        }

        @Override
        public void close() {
            bootstrap.destroy();
        }
    }
}
