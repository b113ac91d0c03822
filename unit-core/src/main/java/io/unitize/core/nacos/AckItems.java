package io.unitize.core.nacos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The acknowledgement config items, framework-free: each agent keeps one config item
 * {@code ack.<agentId>} in group {@value RulesChannel#ACKS_GROUP} whose content is the rules
 * version it has applied, in plain decimal. Nacos serves a changed config item to readers within
 * about 100 ms, against about 500 ms for changed instance metadata, so the control center reads
 * versions from these items and uses the naming instance only to know who is alive.
 */
final class AckItems {

    private AckItems() {
    }

    /** The data id of {@code agentId}'s item. */
    static String dataId(String agentId) {
        return "ack." + agentId;
    }

    /** The content for {@code version}. */
    static String content(long version) {
        return Long.toString(version);
    }

    /** The version an item holds, or -1 when it is absent ({@code null}) or not a non-negative decimal. */
    static long parse(String content) {
        if (content == null) {
            return -1;
        }
        String s = content.strip();
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The version to list for an agent: the higher of its item's and its instance metadata's.
     * Versions only grow and an agent writes its item before its metadata, so the item is the
     * fresher one; the metadata counts when there is no item (an agent of an older release) or
     * when the item's write failed.
     */
    static long appliedVersion(long itemVersion, long metadataVersion) {
        return Math.max(itemVersion, Math.max(metadataVersion, 0));
    }

    /** Whether the item, as read back, must be written again to hold {@code desired}. */
    static boolean needsPublish(String current, long desired) {
        return parse(current) != desired;
    }

    /**
     * Which agents have been out of naming for longer than a grace period, so that their items
     * are left over (an agent killed without a clean close). Not thread-safe: one owner calls it.
     */
    static final class Departures {
        private final long graceNanos;
        private final Map<String, Long> goneSince = new HashMap<>();

        Departures(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        /** An agent seen live once: its item is watched from now on. */
        void seen(String agentId) {
            goneSince.remove(agentId);
        }

        /** An agent that dropped out of naming at {@code nowNanos}. */
        void gone(String agentId, long nowNanos) {
            goneSince.putIfAbsent(agentId, nowNanos);
        }

        /** Forgets agents that are live again; returns (and forgets) those gone longer than the grace period. */
        List<String> due(Set<String> live, long nowNanos) {
            goneSince.keySet().removeAll(live);
            List<String> due = new ArrayList<>();
            goneSince.entrySet().removeIf(e -> {
                if (nowNanos - e.getValue() >= graceNanos) {
                    due.add(e.getKey());
                    return true;
                }
                return false;
            });
            due.sort(null);
            return due;
        }

        /** How many departed agents are waiting out the grace period. */
        int pending() {
            return goneSince.size();
        }
    }
}
