package io.unitize.rpc.http.spring;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.rpc.InvalidHARouteException;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.RpcConfigException;
import io.unitize.rpc.http.HttpRouteTable;
import io.unitize.rpc.micrometer.RpcMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;

import feign.InvocationHandlerFactory;
import feign.Target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP starter without servers: which parts it wires for which classpath and configuration
 * (the routing itself: HttpUnitRoutingIT). The naming clients point at a closed port: Nacos clients
 * start without their server.
 */
class UnitizeHttpAutoConfigurationTest {

    private static final String[] NACOS = {"unitize.unit=unit-b", "spring.cloud.nacos.discovery.server-addr=127.0.0.1:1",
            "unitize.rpc.http.registries.center.server-addr=127.0.0.1:2"};

    private static RulesSubscriber rules() {
        return RulesSubscriber.builder().serverAddr("127.0.0.1:1").unit("unit-b").agentKind("http").build();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeHttpAutoConfiguration.class)).withPropertyValues(NACOS);

    @Test
    void withTheRulesAndLoadBalancerTheConsumerSideIsWiredForEveryUnit() {
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withPropertyValues("unitize.rpc.http.services.orders.route=UNIT", "unitize.rpc.http.services.orders.buyer-path=/o/{buyerId}/**")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(HttpRouteTable.class).hasSingleBean(NacosUnitDiscovery.class)
                            .hasSingleBean(FeignUnitCapability.class).hasSingleBean(RpcMetrics.class);
                    assertThat(ctx.getBean(NacosUnitDiscovery.class).units()).containsExactlyInAnyOrder("center", "unit-b");
                    assertThat(ctx.getBean(HttpRouteTable.class).of("orders").type()).isEqualTo(RouteType.UNIT);
                    assertThat(ctx.getBean(HttpRouteTable.class).of("orders").buyerKey().pathPattern()).isEqualTo("/o/{buyerId}/**");
                    assertThat(ctx.getBeansOfType(LoadBalancerClientSpecification.class).values())
                            .anySatisfy(s -> assertThat(s.getConfiguration()).contains(UnitLoadBalancerClientConfiguration.class));
                    // not a web application: no provider guard
                    assertThat(ctx).doesNotHaveBean(ProviderUnitPaths.class);
                });
    }

    @Test
    void withoutRulesOrWhenDisabledNothingIsWired() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitizeHttpAutoConfiguration.HttpRouting.class)
                .doesNotHaveBean(NacosUnitDiscovery.class));
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules).withPropertyValues("unitize.rpc.http.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(UnitizeHttpAutoConfiguration.HttpRouting.class));
    }

    @Test
    void withoutLoadBalancerOrFeignTheirPartsStayOut() {
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withClassLoader(new FilteredClassLoader("org.springframework.cloud.loadbalancer"))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(UnitizeHttpAutoConfiguration.HttpRouting.class)
                        .doesNotHaveBean(NacosUnitDiscovery.class).doesNotHaveBean(FeignUnitCapability.class));
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules).withClassLoader(new FilteredClassLoader("feign"))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(NacosUnitDiscovery.class).doesNotHaveBean(FeignUnitCapability.class));
    }

    @Test
    void theServletAndWebFluxGuardsComeWithUnitPaths() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(UnitizeHttpAutoConfiguration.class))
                .withPropertyValues(NACOS).withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withPropertyValues("unitize.rpc.http.provider.unit-paths=/orders/{buyerId}/**")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(FilterRegistrationBean.class).doesNotHaveBean(UnitGuardWebFilter.class));
        new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(UnitizeHttpAutoConfiguration.class))
                .withPropertyValues(NACOS).withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withPropertyValues("unitize.rpc.http.provider.unit-paths=/orders/{buyerId}/**")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(UnitGuardWebFilter.class).doesNotHaveBean(FilterRegistrationBean.class));
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(UnitizeHttpAutoConfiguration.class))
                .withPropertyValues(NACOS).withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ProviderUnitPaths.class));
    }

    @Test
    void aServiceWithoutARouteOrABadBuyerPathFailsStartupNamingTheProperty() {
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withPropertyValues("unitize.rpc.http.services.orders.buyer-header=X-B").run(ctx -> assertThat(ctx).getFailure()
                        .rootCause().isInstanceOf(RpcConfigException.class).hasMessageContaining("unitize.rpc.http.services.orders has no route"));
        runner.withBean(RulesSubscriber.class, UnitizeHttpAutoConfigurationTest::rules)
                .withPropertyValues("unitize.rpc.http.services.orders.route=UNIT", "unitize.rpc.http.services.orders.buyer-path=/o/{id}")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().isInstanceOf(RpcConfigException.class)
                        .hasMessageContaining("buyer-path must contain {buyerId}"));
    }

    interface BadOrders {
        String where(String buyer);
    }

    @io.unitize.rpc.HARoute(RouteType.UNIT)
    interface BadUnitOrders extends BadOrders {
    }

    @io.unitize.rpc.HARoute(RouteType.CENTER)
    interface CenterOrders {
        String where();
    }

    @Test
    void aFeignClientIsCheckedWhenBuiltAndAConflictingRouteIsRefused() {
        HttpRouteTable table = new HttpRouteTable();
        FeignUnitCapability cap = new FeignUnitCapability(table, "X-Buyer-Id");
        InvocationHandlerFactory none = (t, d) -> null;
        assertThatThrownBy(() -> cap.enrich(none).create(new Target.HardCodedTarget<>(BadUnitOrders.class, "orders", "http://orders"), null))
                .isInstanceOf(InvalidHARouteException.class).hasMessageContaining("where(String)");
        cap.enrich(none).create(new Target.HardCodedTarget<>(CenterOrders.class, "catalog", "http://catalog"), null);
        assertThat(table.of("catalog").type()).isEqualTo(RouteType.CENTER);
        table.declare(new io.unitize.rpc.http.HttpRoute("orders", RouteType.UNIT, io.unitize.rpc.http.BuyerKeySource.header(null), "config"));
        assertThatThrownBy(() -> cap.enrich(none).create(new Target.HardCodedTarget<>(CenterOrders.class, "orders", "http://orders"), null))
                .isInstanceOf(RpcConfigException.class).hasMessageContaining("UNITIZE-RPC-030").hasMessageContaining("declared UNIT by config");
    }
}
