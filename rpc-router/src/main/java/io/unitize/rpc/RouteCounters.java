package io.unitize.rpc;

import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the route decisions and refusals of one Dubbo application, framework-free (a starter
 * binds them to Micrometer): decisions per route type and whether the call stays in this unit,
 * refusals per {@link Refusal}. Each call is counted once (the decision is kept on the invocation).
 */
public final class RouteCounters {

    /** Why a call was refused. */
    public enum Refusal {
        /** consumer: the unit the call must go to has no provider ({@link NoUnitProviderException}) */
        NO_PROVIDER,
        /** a UNIT call without a numeric first argument ({@link BuyerIdMissingException}) */
        BUYER_ID_MISSING,
        /** provider: the buyer's slot is frozen ({@link UnitWriteFrozenException}) */
        FROZEN,
        /** provider: the buyer is not homed in this unit ({@link UnitMisrouteException}) */
        MISROUTED,
        /** no rules in force yet ({@link RulesUnavailableException}) */
        NO_RULES,
        /** any other Unitize refusal */
        OTHER;

        public static Refusal of(RuntimeException e) {
            if (e instanceof NoUnitProviderException) {
                return NO_PROVIDER;
            } else if (e instanceof BuyerIdMissingException) {
                return BUYER_ID_MISSING;
            } else if (e instanceof UnitWriteFrozenException) {
                return FROZEN;
            } else if (e instanceof UnitMisrouteException) {
                return MISROUTED;
            } else if (e instanceof RulesUnavailableException) {
                return NO_RULES;
            }
            return OTHER;
        }
    }

    private final LongAdder[] local = adders(RouteType.values().length);
    private final LongAdder[] remote = adders(RouteType.values().length);
    private final LongAdder[] refusals = adders(Refusal.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** A consumer decided the unit of a call of route type {@code type}. */
    public void decided(RouteType type, boolean stayedLocal) {
        (stayedLocal ? local : remote)[type.ordinal()].increment();
    }

    public void refused(Refusal why) {
        refusals[why.ordinal()].increment();
    }

    /** Calls of route type {@code type} decided to stay in this unit ({@code local}) or go to another. */
    public long decisions(RouteType type, boolean local) {
        return (local ? this.local : remote)[type.ordinal()].sum();
    }

    public long refusals(Refusal why) {
        return refusals[why.ordinal()].sum();
    }
}
