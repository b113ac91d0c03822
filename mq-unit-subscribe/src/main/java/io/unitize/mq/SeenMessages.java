package io.unitize.mq;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The original ids of the replicated copies this consumer has already handled, bounded (oldest
 * forgotten first): a copy sent twice by the replicator (at-least-once, e.g. after its restart) is
 * dropped. Thread-safe.
 */
public final class SeenMessages {

    private final Map<String, Boolean> seen;

    public SeenMessages(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered. */
    public synchronized boolean firstTime(String originalId) {
        return seen.putIfAbsent(originalId, Boolean.TRUE) == null;
    }

    /** Forget an id whose handling failed, so that its redelivery is handled. */
    public synchronized void forget(String originalId) {
        seen.remove(originalId);
    }
}
