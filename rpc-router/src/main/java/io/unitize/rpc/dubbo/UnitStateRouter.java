package io.unitize.rpc.dubbo;

import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceProviders;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.utils.Holder;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.cluster.router.RouterSnapshotNode;
import org.apache.dubbo.rpc.cluster.router.state.AbstractStateRouter;
import org.apache.dubbo.rpc.cluster.router.state.BitList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a call on the providers of the unit it must go to. On every address change
 * ({@link #notify}) the providers are grouped by their {@code unitize.unit} into a table and the
 * consumer's {@link io.unitize.rpc.ProviderUnits} is updated; per call the route is a map read and
 * a bit-list intersection. Services without {@code unitize.route} pass untouched.
 */
public class UnitStateRouter<T> extends AbstractStateRouter<T> {

    private static final Logger log = LoggerFactory.getLogger(UnitStateRouter.class);

    private final String service;
    private volatile Table<T> table = new Table<>(null, Map.of());
    private volatile UnitizeDubbo context;
    private volatile boolean warnedNoContext;

    public UnitStateRouter(URL url) {
        super(url);
        this.service = url.getServiceInterface(); // per interface: the route type is the interface's
    }

    private record Table<T>(RouteType type, Map<String, BitList<Invoker<T>>> byUnit) {
    }

    @Override
    public void notify(BitList<Invoker<T>> invokers) {
        RouteType type = null;
        Map<String, BitList<Invoker<T>>> byUnit = new HashMap<>();
        for (Invoker<T> invoker : invokers) {
            URL provider = invoker.getUrl();
            String route = provider.getParameter(UnitizeParams.ROUTE);
            if (route != null && type == null) {
                type = RouteType.valueOf(route);
            }
            String unit = provider.getParameter(UnitizeParams.UNIT);
            if (unit != null) {
                byUnit.computeIfAbsent(unit, u -> new BitList<>(invokers, true)).add(invoker);
            }
        }
        table = new Table<>(type, Map.copyOf(byUnit));
        UnitizeDubbo ctx = context();
        if (ctx != null) {
            ctx.providers().update(service, this, new ServiceProviders(type, byUnit.keySet()));
        }
    }

    @Override
    protected BitList<Invoker<T>> doRoute(BitList<Invoker<T>> invokers, URL url, Invocation invocation, boolean needToPrintMessage,
                                          Holder<RouterSnapshotNode<T>> nodeHolder, Holder<String> messageHolder) throws RpcException {
        Table<T> t = table;
        if (t.type() == null) {
            return invokers;
        }
        UnitizeDubbo ctx = context();
        if (ctx == null) {
            if (!warnedNoContext) {
                warnedNoContext = true;
                log.warn("UNITIZE-RPC-003 {} is @HARoute({}) but this consumer has no unit (unitize.unit / UnitizeDubbo.install): "
                        + "its calls are not routed by unit", service, t.type());
            }
            return invokers;
        }
        ServiceProviders merged = ctx.providers().of(service);
        String target = CallRouting.target(ctx, service, merged != null ? merged : new ServiceProviders(t.type(), t.byUnit().keySet()), invocation);
        BitList<Invoker<T>> ofUnit = t.byUnit().get(target);
        BitList<Invoker<T>> result = ofUnit == null ? BitList.emptyList() : invokers.and(ofUnit);
        if (needToPrintMessage) {
            messageHolder.set("unit " + target + ": " + result.size() + " of " + invokers.size() + " providers");
        }
        // empty only in a race with an address change: UnitRouteClusterFilter / UnitZoneDetector refused typed before
        return result;
    }

    private UnitizeDubbo context() {
        UnitizeDubbo ctx = context;
        if (ctx == null) {
            ctx = UnitizeDubbo.of(getUrl().getOrDefaultApplicationModel());
            context = ctx;
        }
        return ctx;
    }

    @Override
    public void stop() {
        UnitizeDubbo ctx = context;
        if (ctx != null) {
            ctx.providers().remove(service, this);
        }
    }

    @Override
    protected String doBuildSnapshot() {
        return "UnitStateRouter " + service + " " + table.type() + " " + table.byUnit().keySet();
    }
}
