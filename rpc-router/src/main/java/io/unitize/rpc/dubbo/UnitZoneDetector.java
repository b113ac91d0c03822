package io.unitize.rpc.dubbo;

import io.unitize.rpc.ServiceProviders;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.ZoneDetector;

/**
 * With one registry per unit (each {@code RegistryConfig} with {@code zone} = its unit), Dubbo's
 * zone-aware cluster asks this detector which registry a call goes to: the unit decided for the
 * call, forced (never another unit's registry). Services without a route type: no opinion. A
 * refusal ({@link io.unitize.rpc.NoUnitProviderException}) is thrown from here, typed, to the caller.
 */
public class UnitZoneDetector implements ZoneDetector {

    @Override
    public String getZoneOfCurrentRequest(Invocation invocation) {
        UnitizeDubbo ctx = UnitizeDubbo.of(invocation.getModuleModel());
        if (ctx == null) {
            return null;
        }
        String service = CallRouting.serviceInterface(invocation);
        ServiceProviders providers = service == null ? null : ctx.providers().of(service);
        if (providers == null || providers.routeType() == null) {
            return null;
        }
        return CallRouting.target(ctx, service, providers, invocation);
    }

    @Override
    public String isZoneForcingEnabled(Invocation invocation, String zone) {
        return zone == null ? null : "true";
    }
}
