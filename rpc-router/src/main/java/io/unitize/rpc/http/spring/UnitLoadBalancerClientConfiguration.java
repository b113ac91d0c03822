package io.unitize.rpc.http.spring;

import io.unitize.rpc.http.HttpCallRouter;
import io.unitize.rpc.http.HttpRouteTable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer configuration of every client (Spring Cloud's per-service child context): the
 * instances come from {@link UnitServiceInstanceListSupplier}; services Unitize does not route keep
 * the application's own discovery client (reactive when there is one, else blocking). Not annotated
 * {@code @Configuration}: a component scan of the application must not pick it up (Spring Cloud
 * registers it in each client's context).
 */
public class UnitLoadBalancerClientConfiguration {

    @Bean
    ServiceInstanceListSupplier unitizeServiceInstanceListSupplier(Environment env, ConfigurableApplicationContext context,
                                                                   HttpRouteTable routes, HttpCallRouter router,
                                                                   NacosUnitDiscovery discovery,
                                                                   ObjectProvider<ReactiveDiscoveryClient> reactive) {
        String serviceId = env.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        ServiceInstanceListSupplier delegate = reactive.getIfAvailable() != null
                ? ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context)
                : ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient().build(context);
        return new UnitServiceInstanceListSupplier(serviceId, routes, router, discovery, delegate);
    }
}
