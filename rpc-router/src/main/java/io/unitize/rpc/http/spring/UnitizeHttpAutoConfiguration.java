package io.unitize.rpc.http.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.RpcConfigException;
import io.unitize.rpc.http.BuyerKeySource;
import io.unitize.rpc.http.HttpCallRouter;
import io.unitize.rpc.http.HttpRoute;
import io.unitize.rpc.http.HttpRouteTable;
import io.unitize.rpc.http.HttpUnitGuard;
import io.unitize.rpc.micrometer.RpcMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unit routing of HTTP calls between services, when the application has a unit ({@code unitize.unit},
 * which gives it the shared {@link RulesSubscriber}); {@code unitize.rpc.http.enabled=false} turns it off.
 * <ul>
 *   <li>with Spring Cloud LoadBalancer: every client's instances come from every unit's Nacos, narrowed
 *       to the decided unit ({@link UnitLoadBalancerClientConfiguration}); routes from
 *       {@code unitize.rpc.http.services.*} and, with OpenFeign, the {@code @HARoute} of Feign clients;</li>
 *   <li>servlet or WebFlux: the provider guard of {@code unitize.rpc.http.provider.unit-paths};</li>
 *   <li>with Spring Cloud Alibaba Nacos discovery: the registered instance carries {@code unitize.unit};</li>
 *   <li>with Micrometer: {@code unitize.rpc.http.decisions} / {@code unitize.rpc.http.refusals}.</li>
 * </ul>
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnBean(RulesSubscriber.class)
@ConditionalOnProperty(prefix = "unitize.rpc.http", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(UnitizeHttpProperties.class)
public class UnitizeHttpAutoConfiguration {

    /** The HTTP side's unit and counters (consumer decisions and refusals, provider refusals). */
    public record HttpRouting(String unit, RouteCounters counters) {
    }

    @Bean
    HttpRouting unitizeHttpRouting(RulesSubscriber rules) {
        return new HttpRouting(rules.unit(), new RouteCounters());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.alibaba.cloud.nacos.NacosDiscoveryProperties")
    static class Registration {

        @Bean
        static UnitInstanceMetadata unitizeInstanceMetadata(Environment env) {
            return new UnitInstanceMetadata(env.getRequiredProperty("unitize.unit"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier")
    @LoadBalancerClients(defaultConfiguration = UnitLoadBalancerClientConfiguration.class)
    static class Consumer {

        @Bean
        HttpRouteTable unitizeHttpRoutes(UnitizeHttpProperties props) {
            HttpRouteTable table = new HttpRouteTable();
            props.getServices().forEach((id, s) -> {
                if (s.getRoute() == null) {
                    throw new RpcConfigException("UNITIZE-RPC-038 unitize.rpc.http.services." + id + " has no route",
                            "Set unitize.rpc.http.services." + id + ".route=UNIT, CENTER or DEFAULT, then start again.");
                }
                BuyerKeySource key;
                try {
                    key = new BuyerKeySource(s.getBuyerHeader() == null ? props.getBuyerHeader() : s.getBuyerHeader(), s.getBuyerPath(), null);
                } catch (IllegalArgumentException e) {
                    throw new RpcConfigException("UNITIZE-RPC-038 unitize.rpc.http.services." + id + ": " + e.getMessage(),
                            "Write unitize.rpc.http.services." + id + ".buyer-path as a path pattern with {buyerId}, e.g. /orders/{buyerId}/**.");
                }
                table.declare(new HttpRoute(id, s.getRoute(), key, "unitize.rpc.http.services." + id + ".route"));
            });
            return table;
        }

        @Bean
        HttpCallRouter unitizeHttpCallRouter(RulesSubscriber rules, HttpRouting routing) {
            return new HttpCallRouter(routing.unit(), rules::snapshot, routing.counters());
        }

        @Bean(destroyMethod = "close")
        NacosUnitDiscovery unitizeNacosUnitDiscovery(UnitizeHttpProperties props, RulesSubscriber rules, Environment env) {
            return new NacosUnitDiscovery(registries(props, rules.unit(), env));
        }

        static List<NacosUnitDiscovery.Registry> registries(UnitizeHttpProperties props, String self, Environment env) {
            List<NacosUnitDiscovery.Registry> out = new ArrayList<>();
            String group = env.getProperty("spring.cloud.nacos.discovery.group");
            for (Map.Entry<String, UnitizeHttpProperties.Registry> e : props.getRegistries().entrySet()) {
                UnitizeHttpProperties.Registry r = e.getValue();
                if (r.getServerAddr() == null || r.getServerAddr().isBlank()) {
                    throw new RpcConfigException("UNITIZE-RPC-039 unitize.rpc.http.registries." + e.getKey() + " has no server-addr",
                            "Set unitize.rpc.http.registries." + e.getKey() + ".server-addr to that unit's Nacos (host:port).");
                }
                out.add(new NacosUnitDiscovery.Registry(e.getKey(), r.getServerAddr(), r.getNamespace(), r.getGroup() == null ? group : r.getGroup(),
                        r.getUsername(), r.getPassword()));
            }
            if (!props.getRegistries().containsKey(self)) {
                String addr = nacos(env, "server-addr");
                if (addr == null) {
                    throw new RpcConfigException("UNITIZE-RPC-039 no Nacos of this unit (" + self + ") to discover HTTP providers in",
                            "Set unitize.rpc.http.registries." + self + ".server-addr, or spring.cloud.nacos.discovery.server-addr.");
                }
                out.add(new NacosUnitDiscovery.Registry(self, addr, nacos(env, "namespace"), group, nacos(env, "username"), nacos(env, "password")));
            }
            return out;
        }

        private static String nacos(Environment env, String key) {
            String v = env.getProperty("spring.cloud.nacos.discovery." + key);
            return v != null ? v : env.getProperty("spring.cloud.nacos." + key);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = {"feign.Capability", "org.springframework.cloud.openfeign.FeignClient"})
        static class Feign {

            @Bean
            FeignUnitCapability unitizeFeignCapability(HttpRouteTable routes, UnitizeHttpProperties props) {
                return new FeignUnitCapability(routes, props.getBuyerHeader());
            }

            @Bean
            FeignUnitCapability.BuyerHeader unitizeFeignBuyerHeader(HttpRouteTable routes) {
                return new FeignUnitCapability.BuyerHeader(routes);
            }

            /** Refusals of the provider guard as the typed exceptions (an application's own ErrorDecoder replaces it). */
            @Bean
            @ConditionalOnMissingBean(feign.codec.ErrorDecoder.class)
            FeignUnitProblemDecoder unitizeFeignProblemDecoder() {
                return new FeignUnitProblemDecoder(new feign.codec.ErrorDecoder.Default());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${unitize.rpc.http.provider.unit-paths:}'.isEmpty()")
    static class Provider {

        @Bean
        ProviderUnitPaths unitizeProviderUnitPaths(UnitizeHttpProperties props, RulesSubscriber rules, HttpRouting routing) {
            return new ProviderUnitPaths(props.getProvider().getUnitPaths(), props.getBuyerHeader(),
                    new HttpUnitGuard(routing.unit(), rules::snapshot, routing.counters()));
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        @ConditionalOnClass(name = "jakarta.servlet.Filter")
        static class Servlet {

            @Bean
            FilterRegistrationBean<UnitGuardServletFilter> unitizeUnitGuardFilter(ProviderUnitPaths paths) {
                FilterRegistrationBean<UnitGuardServletFilter> r = new FilterRegistrationBean<>(new UnitGuardServletFilter(paths));
                r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
                r.setName("unitizeUnitGuard");
                return r;
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        static class Reactive {

            @Bean
            UnitGuardWebFilter unitizeUnitGuardWebFilter(ProviderUnitPaths paths) {
                return new UnitGuardWebFilter(paths);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        RpcMetrics unitizeHttpRpcMetrics(HttpRouting routing) {
            return new RpcMetrics(RpcMetrics.HTTP_DECISIONS, RpcMetrics.HTTP_REFUSALS, "HTTP", routing.unit(), routing.counters());
        }
    }
}
