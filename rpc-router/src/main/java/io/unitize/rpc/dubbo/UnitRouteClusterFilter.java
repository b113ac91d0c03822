package io.unitize.rpc.dubbo;

import io.unitize.rpc.ServiceProviders;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.cluster.filter.ClusterFilter;

/**
 * Consumer side, before routing: decides the unit of a call to an {@code @HARoute} service and
 * refuses it typed ({@link io.unitize.rpc.NoUnitProviderException},
 * {@link io.unitize.rpc.BuyerIdMissingException}) when no unit qualifies — Dubbo would turn a
 * router's exception into a plain "no provider available". The decision is kept on the invocation
 * for {@link UnitStateRouter}. (With one registry per unit, {@link UnitZoneDetector} decides first.)
 */
@Activate(group = CommonConstants.CONSUMER, order = -5000)
public class UnitRouteClusterFilter implements ClusterFilter {

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        UnitizeDubbo ctx = UnitizeDubbo.of(invocation.getModuleModel());
        if (ctx != null) {
            String service = CallRouting.serviceInterface(invocation);
            ServiceProviders providers = service == null ? null : ctx.providers().of(service);
            if (providers != null && providers.routeType() != null) {
                CallRouting.target(ctx, service, providers, invocation);
            }
        }
        return invoker.invoke(invocation);
    }
}
