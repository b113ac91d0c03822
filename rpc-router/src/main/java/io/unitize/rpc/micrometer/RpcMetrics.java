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

    /** The Dubbo calls' meters. */
    public static final String DECISIONS = "unitize.rpc.decisions";
    public static final String REFUSALS = "unitize.rpc.refusals";
    /** The HTTP calls' meters (Spring Cloud LoadBalancer). */
    public static final String HTTP_DECISIONS = "unitize.rpc.http.decisions";
    public static final String HTTP_REFUSALS = "unitize.rpc.http.refusals";

    private final String decisions;
    private final String refusals;
    private final String calls;
    private final String unit;
    private final RouteCounters counters;

    public RpcMetrics(String unit, RouteCounters counters) {
        this(DECISIONS, REFUSALS, "Dubbo", unit, counters);
    }

    /** The same meters under other names, e.g. {@link #HTTP_DECISIONS} and {@link #HTTP_REFUSALS} for the HTTP calls ({@code calls}: "HTTP"). */
    public RpcMetrics(String decisions, String refusals, String calls, String unit, RouteCounters counters) {
        this.decisions = decisions;
        this.refusals = refusals;
        this.calls = calls;
        this.unit = unit;
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RouteType type : RouteType.values()) {
            for (boolean local : new boolean[]{true, false}) {
                FunctionCounter.builder(decisions, counters, c -> c.decisions(type, local))
                        .description(calls + " calls routed by unit (consumer side)").tag("unit", unit)
                        .tag("route", type.name()).tag("target", local ? "local" : "remote").register(registry);
            }
        }
        for (RouteCounters.Refusal why : RouteCounters.Refusal.values()) {
            FunctionCounter.builder(refusals, counters, c -> c.refusals(why))
                    .description(calls + " calls refused by Unitize (consumer: no provider / no buyer id; provider: frozen / misrouted)")
                    .tag("unit", unit).tag("reason", why.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }
}
