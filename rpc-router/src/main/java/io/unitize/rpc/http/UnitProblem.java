package io.unitize.rpc.http;

import com.alibaba.fastjson2.JSON;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.core.UnitizeException;
import io.unitize.rpc.BuyerIdMissingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RFC 9457 (was 7807) problem document with which a provider refuses an HTTP call: a typed
 * {@code type} URI per reason, a stable {@code code}, and the facts of the rule (buyer, slot, home
 * unit, this unit, rules version). Framework-free: the servlet and WebFlux guards write {@link #json()}
 * with {@link #MEDIA_TYPE} and {@link #status()}.
 */
public final class UnitProblem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_MISROUTED = "urn:unitize:problem:misrouted";
    public static final String TYPE_FROZEN = "urn:unitize:problem:frozen";
    public static final String TYPE_BUYER_MISSING = "urn:unitize:problem:buyer-id-missing";
    public static final String TYPE_NO_RULES = "urn:unitize:problem:no-rules";

    private final int status;
    private final Map<String, Object> body;

    private UnitProblem(int status, Map<String, Object> body) {
        this.status = status;
        this.body = body;
    }

    /** 421 Misdirected Request: the buyer is homed in another unit; send it there. */
    public static UnitProblem misrouted(UnitMisrouteException e, String instance) {
        Map<String, Object> b = base(TYPE_MISROUTED, "Buyer is homed in another unit", 421, "UNITIZE-RPC-031", e, instance);
        b.put("buyerId", e.buyerId());
        b.put("slot", e.slot());
        b.put("homeUnit", e.homeUnit());
        b.put("thisUnit", e.thisUnit());
        b.put("rulesVersion", e.rulesVersion());
        return new UnitProblem(421, b);
    }

    /** 503 with Retry-After: the buyer's slot is moving between units; retry after the cutover. */
    public static UnitProblem frozen(UnitWriteFrozenException e, String homeUnit, String thisUnit, String instance) {
        Map<String, Object> b = base(TYPE_FROZEN, "Buyer's writes are frozen", 503, "UNITIZE-RPC-032", e, instance);
        b.put("buyerId", e.buyerId());
        b.put("slot", e.slot());
        b.put("homeUnit", homeUnit);
        b.put("thisUnit", thisUnit);
        b.put("rulesVersion", e.rulesVersion());
        return new UnitProblem(503, b);
    }

    /** 400: a UNIT call that names no buyer (or not as a number). */
    public static UnitProblem buyerMissing(BuyerIdMissingException e, String source, String thisUnit, String instance) {
        Map<String, Object> b = base(TYPE_BUYER_MISSING, "UNIT call without a buyer", 400, "UNITIZE-RPC-033", e, instance);
        b.put("buyerFrom", source);
        b.put("thisUnit", thisUnit);
        return new UnitProblem(400, b);
    }

    /** 503: this provider has no rules in force yet. */
    public static UnitProblem noRules(UnitizeException e, String thisUnit, String instance) {
        Map<String, Object> b = base(TYPE_NO_RULES, "No unit rules in force", 503, "UNITIZE-RPC-034", e, instance);
        b.put("thisUnit", thisUnit);
        return new UnitProblem(503, b);
    }

    private static Map<String, Object> base(String type, String title, int status, String code, Exception e, String instance) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type);
        b.put("title", title);
        b.put("status", status);
        b.put("detail", code + " " + e.getMessage());
        if (instance != null) {
            b.put("instance", instance);
        }
        b.put("code", code);
        return b;
    }

    public int status() {
        return status;
    }

    public String code() {
        return (String) body.get("code");
    }

    /** Seconds a client should wait before retrying, or -1 (only a frozen buyer's write is worth retrying). */
    public int retryAfterSeconds() {
        return TYPE_FROZEN.equals(body.get("type")) ? 1 : -1;
    }

    public Map<String, Object> body() {
        return Map.copyOf(body);
    }

    public String json() {
        return JSON.toJSONString(body);
    }
}
