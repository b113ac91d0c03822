package io.unitize.db.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.db.GuardCounters;
import io.unitize.db.UnitWriteRefusedException.Reason;

import java.util.Locale;

/**
 * The DB guard's meter {@code unitize.db.guard.statements}, tagged {@code unit}, {@code outcome}
 * (accepted, refused), {@code reason} (the refusal reason in lower case, e.g. {@code frozen},
 * {@code not_homed_here}; {@code none} when accepted) and {@code code} (its {@code UNITIZE-DB-0nn};
 * {@code none} when accepted).
 */
public final class GuardMetrics implements MeterBinder {

    private static final String NAME = "unitize.db.guard.statements";
    private final String unit;
    private final GuardCounters counters;

    public GuardMetrics(String unit, GuardCounters counters) {
        this.unit = unit;
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(NAME, counters, GuardCounters::acceptedCount).description("statements audited by the unit write guard")
                .tag("unit", unit).tag("outcome", "accepted").tag("reason", "none").tag("code", "none").register(registry);
        for (Reason r : Reason.values()) {
            FunctionCounter.builder(NAME, counters, c -> c.refusedCount(r)).description("statements audited by the unit write guard")
                    .tag("unit", unit).tag("outcome", "refused").tag("reason", r.name().toLowerCase(Locale.ROOT)).tag("code", r.code())
                    .register(registry);
        }
    }
}
