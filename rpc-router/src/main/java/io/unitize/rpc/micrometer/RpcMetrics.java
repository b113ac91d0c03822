package io.unitize.rpc.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.RouteType;

import java.util.Locale;

/**
 * The RPC router's meters, tagged {@code unit}: {@code unitize.rpc.decisions} (tags {@code route}
 * UNIT/CENTER/DEFAULT, {@code target} local/remote) and {@code unitize.rpc.refusals} (tag
 * {@code reason}: no_provider, buyer_id_missing, frozen, misrouted, no_rules, other).
 */
public final class RpcMetrics implements MeterBinder {

    private final String prefix;
    private final String calls;
    private final String unit;
    private final RouteCounters counters;

    public RpcMetrics(String unit, RouteCounters counters) {
        this("unitize.rpc", "Dubbo", unit, counters);
    }

    /** The same meters under another name, e.g. {@code unitize.rpc.http} for the HTTP calls ({@code calls}: "HTTP"). */
    public RpcMetrics(String prefix, String calls, String unit, RouteCounters counters) {
        this.prefix = prefix;
        this.calls = calls;
        this.unit = unit;
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RouteType type : RouteType.values()) {
            for (boolean local : new boolean[]{true, false}) {
                FunctionCounter.builder(prefix + ".decisions", counters, c -> c.decisions(type, local))
                        .description(calls + " calls routed by unit (consumer side)").tag("unit", unit)
                        .tag("route", type.name()).tag("target", local ? "local" : "remote").register(registry);
            }
        }
        for (RouteCounters.Refusal why : RouteCounters.Refusal.values()) {
            FunctionCounter.builder(prefix + ".refusals", counters, c -> c.refusals(why))
                    .description(calls + " calls refused by Unitize (consumer: no provider / no buyer id; provider: frozen / misrouted)")
                    .tag("unit", unit).tag("reason", why.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }
}
