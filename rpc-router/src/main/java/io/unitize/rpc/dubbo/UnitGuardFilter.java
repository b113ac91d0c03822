package io.unitize.rpc.dubbo;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitizeException;
import io.unitize.core.key.RouteKeyMissingException;
import io.unitize.core.key.RouteKeyReader;
import io.unitize.core.key.UnitKey;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.UnitRouteDecider;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.AsyncRpcResult;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.filter.ExceptionFilter;

/**
 * Provider side, the last check before a UNIT service runs: a call whose buyer is frozen
 * ({@link io.unitize.core.UnitWriteFrozenException}) or not homed in this unit
 * ({@link io.unitize.core.UnitMisrouteException}) is refused without calling the service. The
 * refusal is the call's result, so it reaches the consumer as that exception (not as a string).
 * Ordered after Dubbo's GenericFilter (a generic call is checked on its real arguments).
 *
 * <p>Dubbo's {@link ExceptionFilter} would turn any exception not declared by the method and not
 * from the interface's jar into a plain {@code RuntimeException} carrying text, and log it at ERROR.
 * For UNIT services {@link HARouteConfigPostProcessor} takes it out of the chain and this filter
 * plays its part instead: a {@link UnitizeException} (a refusal, here or from a Unitize guard deeper
 * in the service) travels typed; every other exception gets exactly ExceptionFilter's treatment.
 */
@Activate(group = CommonConstants.PROVIDER, order = -9000)
public class UnitGuardFilter implements Filter, Filter.Listener {

    private final ExceptionFilter exceptionFilter = new ExceptionFilter();

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        URL url = invoker.getUrl();
        if (!"UNIT".equals(url.getParameter(UnitizeParams.ROUTE))) {
            return invoker.invoke(invocation);
        }
        UnitizeDubbo ctx = UnitizeDubbo.of(url.getScopeModel());
        if (ctx == null) {
            return invoker.invoke(invocation); // exported before Unitize was installed: HARouteConfigPostProcessor refuses that
        }
        try {
            check(ctx, url.getServiceInterface(), invocation);
        } catch (UnitizeException refused) {
            ctx.counters().refused(RouteCounters.Refusal.of(refused));
            return AsyncRpcResult.newDefaultAsyncResult(refused, invocation);
        }
        return invoker.invoke(invocation);
    }

    /** Frozen first, then misrouted: by the called method's route key (a buyer, or the slot of a routable id). */
    private static void check(UnitizeDubbo ctx, String service, Invocation invocation) {
        RouteKeyReader key = CallRouting.reader(ctx, service, invocation);
        if (key == null) {
            ctx.rules().checkWrite(UnitRouteDecider.buyerId(service, CallRouting.method(invocation), CallRouting.firstArgument(invocation)),
                    ctx.unit());
            return;
        }
        RulesSnapshot rules = ctx.rules();
        long value;
        int slot;
        try {
            Object[] args = CallRouting.arguments(invocation);
            value = CallRouting.isGeneric(invocation) ? key.readGeneric(args) : key.read(args);
            slot = key.slotOf(value, rules);
        } catch (RouteKeyMissingException e) {
            throw new BuyerIdMissingException(service, e);
        }
        if (key.kind() == UnitKey.Kind.BUYER_ID) {
            rules.checkWrite(value, ctx.unit());
        } else {
            rules.checkWriteOfSlot(slot, "routable id " + value + " (" + key.key() + ")", ctx.unit());
        }
    }

    private static boolean isUnit(Invoker<?> invoker) {
        return "UNIT".equals(invoker.getUrl().getParameter(UnitizeParams.ROUTE));
    }

    @Override
    public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
        if (!isUnit(invoker) || appResponse.hasException() && appResponse.getException() instanceof UnitizeException) {
            return;
        }
        exceptionFilter.onResponse(appResponse, invoker, invocation);
    }

    @Override
    public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
        if (isUnit(invoker)) {
            exceptionFilter.onError(t, invoker, invocation);
        }
    }
}
