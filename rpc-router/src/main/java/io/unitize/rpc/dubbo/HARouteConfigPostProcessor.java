package io.unitize.rpc.dubbo;

import io.unitize.rpc.RpcConfigException;
import io.unitize.rpc.HARouteInspector;
import io.unitize.rpc.RouteType;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.config.ConfigPostProcessor;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.ServiceConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Before a service is exported: checks its {@code @HARoute} (a bad UNIT interface fails startup)
 * and puts its route type and this application's unit into the provider URL, so that they travel
 * in the registry metadata; for UNIT services Dubbo's ExceptionFilter is replaced by
 * {@link UnitGuardFilter} (refusals travel typed). Before a reference is created: checks the
 * interface when the class is at hand (generic references have none) and makes the reference
 * remote — an in-JVM call would skip the unit decision.
 */
@Activate
public class HARouteConfigPostProcessor implements ConfigPostProcessor {

    @Override
    public void postProcessServiceConfig(ServiceConfig serviceConfig) {
        Class<?> iface = serviceConfig.getInterfaceClass();
        RouteType type = iface == null ? null : HARouteInspector.routeTypeOf(iface);
        if (type == null) {
            return;
        }
        UnitizeDubbo context = UnitizeDubbo.of(serviceConfig.getScopeModel());
        if (context == null) {
            throw new RpcConfigException("UNITIZE-RPC-002 service " + iface.getName() + " is @HARoute(" + type
                    + ") but this Dubbo application has no unit: set unitize.unit (Spring Boot) or call UnitizeDubbo.install(...) "
                    + "before exporting", "Set unitize.unit to this process's unit (and unitize.rules.server-addr to its Nacos), "
                    + "or call UnitizeDubbo.install(unit, rules) before Dubbo exports services; then start again.");
        }
        if (type == RouteType.UNIT) {
            context.keys().register(iface);
        }
        Map<String, String> params = serviceConfig.getParameters() == null ? new HashMap<>() : new HashMap<>(serviceConfig.getParameters());
        params.put(UnitizeParams.ROUTE, type.name());
        params.put(UnitizeParams.UNIT, context.unit());
        serviceConfig.setParameters(params);
        if (type == RouteType.UNIT) {
            String filters = serviceConfig.getFilter();
            if (filters == null || !filters.contains("-exception")) {
                serviceConfig.setFilter(filters == null || filters.isBlank() ? "-exception" : filters + ",-exception");
            }
        }
    }

    @Override
    public void postProcessReferConfig(ReferenceConfig referenceConfig) {
        String generic = referenceConfig.getGeneric();
        if (generic != null && !"false".equals(generic)) { // a generic reference has no interface class to read
            return;
        }
        Class<?> iface = referenceConfig.getInterfaceClass();
        RouteType type = iface == null ? null : HARouteInspector.routeTypeOf(iface);
        if (type == RouteType.UNIT) {
            UnitizeDubbo context = UnitizeDubbo.of(referenceConfig.getScopeModel());
            if (context != null) {
                context.keys().register(iface);
            }
        }
        if (type != null && referenceConfig.getScope() == null) {
            referenceConfig.setScope("remote");
        }
    }
}
