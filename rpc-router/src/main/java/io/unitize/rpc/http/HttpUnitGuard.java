package io.unitize.rpc.http;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.core.UnitizeException;
import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.RouteCounters;

import java.util.function.Supplier;

/**
 * Provider side, framework-free: the last check of an HTTP request to a UNIT route before the
 * handler runs, as {@code UnitGuardFilter} does for Dubbo: the buyer must be homed in this unit
 * (else 421 misrouted), and a write (any method but GET, HEAD, OPTIONS, TRACE) of a frozen buyer is
 * refused (503, retry after the cutover). A UNIT request without a buyer is refused (400).
 */
public final class HttpUnitGuard {

    private final String unit;
    private final Supplier<RulesSnapshot> rules;
    private final RouteCounters counters;

    public HttpUnitGuard(String unit, Supplier<RulesSnapshot> rules, RouteCounters counters) {
        this.unit = unit;
        this.rules = rules;
        this.counters = counters;
    }

    public String unit() {
        return unit;
    }

    /**
     * @param buyerId the request's buyer, {@code null} when it carries none
     * @param buyerFrom where the buyer was looked for (for the problem document)
     * @return the refusal, or {@code null} when the request may proceed
     */
    public UnitProblem check(String httpMethod, String path, Long buyerId, String buyerFrom) {
        UnitProblem p = refusal(httpMethod, path, buyerId, buyerFrom);
        if (p != null) {
            counters.refused(refusalOf(p));
        }
        return p;
    }

    /** The refusal of a request whose buyer could not be read (present but not a number). */
    public UnitProblem unreadable(BuyerIdMissingException e, String path, String buyerFrom) {
        counters.refused(RouteCounters.Refusal.BUYER_ID_MISSING);
        return UnitProblem.buyerMissing(e, buyerFrom, unit, path);
    }

    private UnitProblem refusal(String httpMethod, String path, Long buyerId, String buyerFrom) {
        if (buyerId == null) {
            return UnitProblem.buyerMissing(new BuyerIdMissingException("HTTP " + path, httpMethod, null), buyerFrom, unit, path);
        }
        RulesSnapshot r;
        try {
            r = rules.get();
        } catch (UnitizeException none) {
            return UnitProblem.noRules(none, unit, path);
        }
        int slot = r.slotOf(buyerId);
        String home = r.unitOfSlot(slot).code();
        if (!home.equals(unit)) {
            return UnitProblem.misrouted(new UnitMisrouteException(buyerId, slot, home, unit, r.version()), path);
        }
        if (isWrite(httpMethod) && r.isSlotFrozen(slot)) {
            return UnitProblem.frozen(new UnitWriteFrozenException(buyerId, slot, r.version()), home, unit, path);
        }
        return null;
    }

    static boolean isWrite(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
    }

    private static RouteCounters.Refusal refusalOf(UnitProblem p) {
        return switch (p.code()) {
            case "UNITIZE-RPC-031" -> RouteCounters.Refusal.MISROUTED;
            case "UNITIZE-RPC-032" -> RouteCounters.Refusal.FROZEN;
            case "UNITIZE-RPC-033" -> RouteCounters.Refusal.BUYER_ID_MISSING;
            case "UNITIZE-RPC-034" -> RouteCounters.Refusal.NO_RULES;
            default -> RouteCounters.Refusal.OTHER;
        };
    }
}
