package io.unitize.controlcenter.grey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators' approvals and aborts of running plans, read by the thread that drives each plan (which
 * stores what it did with them). Kept in memory: one asked for just before a restart is asked again.
 */
final class GreyRequests {

    private final Map<String, String> aborts = new ConcurrentHashMap<>();
    private final Map<String, String> approvals = new ConcurrentHashMap<>();

    void abort(String planId, String operator) {
        aborts.putIfAbsent(planId, operator);
    }

    void approve(String planId, int wave, String operator) {
        approvals.put(planId + "#" + wave, operator);
    }

    String abortOf(String planId) {
        return aborts.get(planId);
    }

    boolean isAborting(String planId) {
        return aborts.containsKey(planId);
    }

    String takeApproval(String planId, int wave) {
        return approvals.remove(planId + "#" + wave);
    }

    void forget(String planId) {
        aborts.remove(planId);
        approvals.keySet().removeIf(k -> k.startsWith(planId + "#"));
    }
}
