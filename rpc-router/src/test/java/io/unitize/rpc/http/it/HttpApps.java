package io.unitize.rpc.http.it;

import io.unitize.sandbox.SandboxUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Real Spring Cloud applications of the HTTP ITs, in this JVM: providers (servlet and WebFlux) that
 * register in their unit's Nacos through Spring Cloud Alibaba, and consumers that call through
 * Spring Cloud LoadBalancer (OpenFeign, WebClient, RestClient). Each answers "unit/app" so a test
 * sees where a call landed.
 */
final class HttpApps {

    private HttpApps() {
    }

    /** The properties every app of a unit shares: its unit, the rules channel, its Nacos. */
    static List<String> common(SandboxUnit unit, String channel, String app) {
        List<String> p = new ArrayList<>(List.of(
                "spring.application.name=" + app,
                "unitize.unit=" + unit.code(),
                "unitize.rules.server-addr=" + unit.nacosAddr(),
                "unitize.rules.data-id=" + channel + ".json",
                "unitize.rules.group=" + channel,
                "unitize.rules.agent-kind=" + app,
                "unitize.rules.initial-timeout=30s",
                "unitize.rpc.enabled=false", // no Dubbo here
                "spring.cloud.nacos.discovery.server-addr=" + unit.nacosAddr(),
                "spring.cloud.nacos.discovery.group=" + channel,
                "spring.cloud.nacos.discovery.ip=127.0.0.1",
                "spring.cloud.nacos.discovery.heart-beat-interval=1000",
                "spring.cloud.nacos.config.enabled=false",
                "spring.cloud.nacos.config.import-check.enabled=false",
                "server.address=127.0.0.1",
                "server.port=0",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN"));
        return p;
    }

    static ConfigurableApplicationContext provider(Class<?> app, WebApplicationType type, SandboxUnit unit, String channel, String name,
                                                   String... more) {
        List<String> p = common(unit, channel, name);
        p.add("unitize.rpc.http.provider.unit-paths=/orders/{buyerId},/orders/{buyerId}/**");
        p.addAll(List.of(more));
        return new SpringApplicationBuilder(app).web(type).properties(p.toArray(String[]::new)).run();
    }

    static ConfigurableApplicationContext consumer(SandboxUnit self, List<SandboxUnit> all, String channel) {
        List<String> p = common(self, channel, "consumer-" + self.code());
        p.add("spring.cloud.nacos.discovery.register-enabled=false");
        p.add("spring.cloud.loadbalancer.cache.enabled=false");
        for (SandboxUnit u : all) {
            p.add("unitize.rpc.http.registries." + u.code() + ".server-addr=" + u.nacosAddr());
        }
        p.add("unitize.rpc.http.services.orders-rx.route=UNIT");
        p.add("unitize.rpc.http.services.orders-rx.buyer-path=/orders/{buyerId}/**");
        p.add("spring.cloud.openfeign.client.config.default.connect-timeout=5000");
        p.add("spring.cloud.openfeign.client.config.default.read-timeout=10000");
        return new SpringApplicationBuilder(Consumer.class).web(WebApplicationType.NONE).properties(p.toArray(String[]::new)).run();
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static String where(ConfigurableApplicationContext app) {
        return app.getEnvironment().getProperty("unitize.unit") + "/" + app.getEnvironment().getProperty("spring.application.name");
    }

    @RestController
    static class Orders {
        private final String where;

        Orders(org.springframework.core.env.Environment env) {
            this.where = env.getProperty("unitize.unit") + "/" + env.getProperty("spring.application.name");
        }

        @GetMapping("/orders/{buyerId}/where")
        String where(@PathVariable("buyerId") long buyerId) {
            return where;
        }

        @PostMapping("/orders/{buyerId}")
        String place(@PathVariable("buyerId") long buyerId, @RequestParam("item") String item) {
            return where;
        }

        @GetMapping("/catalog/where")
        String catalog() {
            return where;
        }
    }

    /** A servlet provider of "orders" / "catalog". */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class ServletProvider {
    }

    /** A WebFlux provider of "orders-rx" (same endpoints). */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class ReactiveProvider {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableFeignClients(clients = {OrdersClient.class, CatalogClient.class})
    static class Consumer {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClient() {
            return RestClient.builder();
        }

        @Bean
        @LoadBalanced
        WebClient.Builder loadBalancedWebClient() {
            return WebClient.builder();
        }
    }

}
